package com.usersservice.migration.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database session a migration runs on, and how to stop it from another thread. A running statement is cancelled
 * on the server, from a second connection of the migration's own data source (same role, so no extra privilege):
 * {@code pg_cancel_backend} on PostgreSQL, {@code KILL QUERY} on MySQL/MariaDB, and only while the server says the
 * session is executing, so an idle session never receives a cancel meant for a statement that already ended.
 */
final class MigrationSession {

	private static final Logger logger = LoggerFactory.getLogger(MigrationSession.class);

	private final Connection connection;

	private final DataSource dataSource;

	private final Dialect dialect;

	private final long id;

	private MigrationSession(Connection connection, DataSource dataSource, Dialect dialect, long id) {
		this.connection = connection;
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.id = id;
	}

	/** The session behind the migration's connection; identified with one query on it, before anything runs. */
	static MigrationSession of(Connection connection, DataSource dataSource) throws SQLException {
		Dialect dialect = Dialect.of(connection.getMetaData().getDatabaseProductName());
		long id = -1;
		if (dialect.sessionIdQuery != null) {
			try (Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery(dialect.sessionIdQuery)) {
				row.next();
				id = row.getLong(1);
			}
		}
		return new MigrationSession(connection, dataSource, dialect, id);
	}

	/** Cancels the statement the session is executing, if it is executing one; true when a cancel was sent. */
	boolean cancelRunningStatement() {
		if (this.dialect.cancel == null) {
			return false;
		}
		try (Connection other = this.dataSource.getConnection()) {
			return (this.dialect == Dialect.MYSQL) ? killQueryIfExecuting(other) : cancelBackendIfActive(other);
		}
		catch (SQLException ex) {
			logger.warn("Could not cancel the migration's statement ({}): {}", describe(), ex.getMessage());
			return false;
		}
	}

	private boolean cancelBackendIfActive(Connection other) throws SQLException {
		try (PreparedStatement cancel = other.prepareStatement(this.dialect.cancel)) {
			cancel.setLong(1, this.id);
			try (ResultSet sent = cancel.executeQuery()) {
				return sent.next() && sent.getBoolean(1);
			}
		}
	}

	// KILL takes no bind parameter: the id is a number this class read from the server itself.
	private boolean killQueryIfExecuting(Connection other) throws SQLException {
		try (PreparedStatement executing = other.prepareStatement(this.dialect.cancel)) {
			executing.setLong(1, this.id);
			try (ResultSet row = executing.executeQuery()) {
				if (!row.next()) {
					return false;
				}
			}
		}
		try (Statement kill = other.createStatement()) {
			kill.execute("KILL QUERY " + this.id);
			return true;
		}
	}

	/**
	 * Closes the connection under the migration, for a run that has not started a changeset: it may be sleeping
	 * between attempts to take the lock, which no cancel reaches. The server ends the session, and its locks with it.
	 */
	void abort() {
		try {
			this.connection.abort(Runnable::run);
		}
		catch (SQLException ex) {
			logger.warn("Could not abort the migration's connection ({}): {}", describe(), ex.getMessage());
		}
	}

	String describe() {
		return this.dialect.describe(this.id);
	}

	private enum Dialect {

		POSTGRESQL("select pg_backend_pid()",
				"select pg_cancel_backend(pid) from pg_stat_activity where pid = ? and state = 'active'",
				"PostgreSQL backend"),

		MYSQL("select connection_id()",
				"select id from information_schema.processlist where id = ? and command = 'Query'",
				"MySQL/MariaDB connection"),

		OTHER(null, null, "session");

		private final String sessionIdQuery;

		private final String cancel;

		private final String name;

		Dialect(String sessionIdQuery, String cancel, String name) {
			this.sessionIdQuery = sessionIdQuery;
			this.cancel = cancel;
			this.name = name;
		}

		static Dialect of(String product) {
			String name = product.toLowerCase(Locale.ROOT);
			if (name.contains("postgresql")) {
				return POSTGRESQL;
			}
			if (name.contains("mysql") || name.contains("mariadb")) {
				return MYSQL;
			}
			return OTHER;
		}

		String describe(long id) {
			return (id >= 0) ? this.name + " " + id : this.name;
		}

	}

}
