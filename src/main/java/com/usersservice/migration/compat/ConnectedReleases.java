package com.usersservice.migration.compat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.usersservice.config.ReleaseName;
import com.usersservice.migration.failure.MigrationRefusedException;

/**
 * Which sessions of a release older than this build are connected to the database, by the name each release gives its
 * connections ({@link ReleaseName}). A session still named with the JDBC driver's default comes from a release before
 * 0.2.0, which did not name itself: it counts as older. Other clients (psql, a DBA's tool) are not releases and do not
 * count. PostgreSQL: {@code pg_stat_activity}; MariaDB and MySQL: {@code performance_schema.session_connect_attrs},
 * which needs {@code performance_schema=ON}; without it the step cannot see the releases and refuses.
 */
public final class ConnectedReleases {

	/** pgjdbc's ApplicationName when the client sets none. */
	static final String POSTGRES_DRIVER_DEFAULT = "PostgreSQL JDBC Driver";

	private static final String POSTGRES = "SELECT application_name, client_addr, backend_start FROM pg_stat_activity "
			+ "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'";

	private static final String MARIADB = "SELECT a.ATTR_VALUE, p.HOST, NULL FROM information_schema.PROCESSLIST p "
			+ "LEFT JOIN performance_schema.session_connect_attrs a ON a.PROCESSLIST_ID = p.ID "
			+ "AND a.ATTR_NAME = 'program_name' WHERE p.DB = DATABASE() AND p.ID <> CONNECTION_ID() "
			+ "AND p.COMMAND <> 'Daemon'";

	private ConnectedReleases() {
	}

	/**
	 * A connected session: its connection name, where it comes from and since when (null where the database does not
	 * show it to this role).
	 */
	public record Session(String applicationName, String clientAddress, String since) {

		public String describe() {
			return ((this.applicationName != null) ? "'" + this.applicationName + "'" : "a session without a name")
					+ " from " + ((this.clientAddress != null) ? this.clientAddress
					: "an address this role cannot see") + ((this.since != null) ? ", connected since " + this.since
							: "");
		}

	}

	/** The sessions of releases older than {@code buildVersion}, other than the caller's own. */
	public static List<Session> older(Connection connection, String buildVersion) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		List<Session> sessions;
		if (product.contains("postgres")) {
			sessions = read(connection, POSTGRES);
		}
		else if (product.contains("mariadb") || product.contains("mysql")) {
			refuseWithoutPerformanceSchema(connection);
			sessions = read(connection, MARIADB);
		}
		else {
			throw new MigrationRefusedException("MIGRATION_MODE=contract cannot see which releases are connected to "
					+ "a " + connection.getMetaData().getDatabaseProductName() + " database; nothing was applied",
					"Run the contract step on PostgreSQL or MariaDB, or apply the contract changesets by hand once "
							+ "every older release is stopped.");
		}
		return sessions.stream().filter((session) -> isOlder(session.applicationName(), buildVersion)).toList();
	}

	/**
	 * Whether a session of this name belongs to a release older than this build. A driver's default name, or none,
	 * marks a release from before 0.2.0; a release name whose version cannot be read counts as older unless it is this
	 * build's own; any other name is another client.
	 */
	static boolean isOlder(String applicationName, String buildVersion) {
		if (applicationName == null || applicationName.equals(POSTGRES_DRIVER_DEFAULT)) {
			return true;
		}
		String version = ReleaseName.versionIn(applicationName);
		if (version == null || version.equals(buildVersion)) {
			return false;
		}
		ReleaseVersion session = ReleaseVersion.parse(version);
		ReleaseVersion build = ReleaseVersion.parse(buildVersion);
		return session == null || build == null || session.compareTo(build) < 0;
	}

	private static List<Session> read(Connection connection, String query) throws SQLException {
		List<Session> sessions = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
			while (rows.next()) {
				sessions.add(new Session(rows.getString(1), rows.getString(2), rows.getString(3)));
			}
		}
		return sessions;
	}

	private static void refuseWithoutPerformanceSchema(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT @@performance_schema")) {
			if (row.next() && row.getInt(1) == 1) {
				return;
			}
		}
		throw new MigrationRefusedException("MIGRATION_MODE=contract cannot see which releases are connected: the "
				+ "server's performance_schema is OFF, so no session's program_name can be read; nothing was applied",
				"Enable the server setting performance_schema (performance_schema=ON under [mysqld], then restart the "
						+ "server), or stop every older release and apply the contract changesets by hand.");
	}

}
