package com.usersservice.migration.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ResourceAccessor;

/**
 * The triggers half of {@link SchemaDrift}. Liquibase's open-source snapshot holds no triggers, and the schema relies
 * on one (updated_at moves on every update, whoever writes): the triggers of the changelog applied to a fresh
 * PostgreSQL are committed as {@value #FILE} ({@code table<TAB>trigger}) and compared with the live ones on
 * PostgreSQL.
 */
final class SchemaTriggers {

	static final String FILE = "db/schema-triggers.tsv";

	private final Set<String> expected;

	SchemaTriggers(Set<String> expected) {
		this.expected = expected;
	}

	static SchemaTriggers read(ResourceAccessor resources) throws IOException {
		try (InputStream in = resources.getExisting(FILE).openInputStream()) {
			Set<String> expected = new TreeSet<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
				if (!line.isBlank() && !line.startsWith("#")) {
					expected.add(line.strip());
				}
			}
			return new SchemaTriggers(expected);
		}
	}

	/**
	 * The triggers of the database's current schema, {@code table<TAB>trigger}, from PostgreSQL's catalog (visible to
	 * every role, the service's DML-only one included); null elsewhere. MariaDB and MySQL show a trigger only to an
	 * account with the TRIGGER privilege, which the service's least-privilege account lacks: a trigger it cannot see
	 * would be reported missing. H2's ON UPDATE column is no trigger.
	 */
	static Set<String> live(Database database) throws LiquibaseException {
		if (!"postgresql".equals(database.getShortName()) || !(database.getConnection() instanceof JdbcConnection jdbc)) {
			return null;
		}
		Set<String> triggers = new TreeSet<>();
		try (Statement statement = jdbc.getUnderlyingConnection().createStatement();
				ResultSet rows = statement.executeQuery("SELECT c.relname, t.tgname FROM pg_trigger t "
						+ "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
						+ "WHERE NOT t.tgisinternal AND n.nspname = current_schema()")) {
			while (rows.next()) {
				triggers.add(rows.getString(1) + "\t" + rows.getString(2));
			}
		}
		catch (SQLException ex) {
			throw new DatabaseException("Could not read the triggers", ex);
		}
		return triggers;
	}

	/** {@code table users: missing trigger users_updated_at}, one line per difference; none where not compared. */
	List<String> compare(Database database) throws LiquibaseException {
		Set<String> live = live(database);
		List<String> lines = new ArrayList<>();
		if (live != null) {
			this.expected.stream()
				.filter((trigger) -> !live.contains(trigger))
				.forEach((trigger) -> lines.add(line(trigger, "missing")));
			live.stream()
				.filter((trigger) -> !this.expected.contains(trigger))
				.forEach((trigger) -> lines.add(line(trigger, "extra")));
		}
		return lines;
	}

	private static String line(String trigger, String what) {
		String[] tableAndName = trigger.split("\t", 2);
		return "table " + tableAndName[0] + ": " + what + " trigger " + tableAndName[1];
	}

}
