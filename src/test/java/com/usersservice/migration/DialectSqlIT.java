package com.usersservice.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Map;

import com.usersservice.TestMariaDb;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code -Ddialect=...}: one changelog, a valid script per database, applied to real engines where they run here; on
 * MariaDB with its own client, followed by the packaged service and a next release's pending-only script
 * ({@link DbaRoundTrip}), on the MariaDB of {@link TestMariaDb}.
 */
@ResourceLock(MavenLiquibase.LIQUIBASE)
// One of the slowest integration classes: it starts first, so that no core waits for it at the end of the run.
@Order(1)
class DialectSqlIT {

	@Test
	void theMariaDbRoundTripWithTheMariadbClient() throws SQLException {
		assumeTrue(TestMariaDb.available(), TestMariaDb.UNAVAILABLE);
		assumeTrue(SqlScripts.mariadbClientInstalled(),
				"The mariadb client is not installed (Debian: mariadb-client): the DBA round trip applies the scripts"
						+ " with it");
		Path script = MavenLiquibase.sql("updateSQL-mariadb", Map.of(), "liquibase:updateSQL", "-Ddialect=mariadb");
		// The name a live MariaDB connection gives it, and the service looks for (case-sensitive on Linux).
		assertThat(read(script)).contains("-- dialect: mariadb 10.11", "CREATE TABLE DATABASECHANGELOG (");
		String url = TestMariaDb.createDatabase("dba_mariadb");
		try {
			new DbaRoundTrip("mariadb", url, TestMariaDb.username(), TestMariaDb.password(),
					SqlScripts::applyWithMariadbClient)
				.from(script);
			Database database = new Database(url, TestMariaDb.username(), TestMariaDb.password());
			assertThat(database.column("SHOW TABLES")).as("one history table, no lower-case twin")
				.containsExactlyInAnyOrder("DATABASECHANGELOG", "users", "next_release");
			assertWorkingUsersTable(url, TestMariaDb.username(), TestMariaDb.password(),
					new DuplicateKey(SQLIntegrityConstraintViolationException.class, "23000", 1062));
		}
		finally {
			TestMariaDb.dropDatabase(url);
		}
	}

	@Test
	void theH2ScriptAppliesToH2() throws SQLException {
		Path script = MavenLiquibase.sql("updateSQL-h2", Map.of(), "liquibase:updateSQL", "-Ddialect=h2");
		assertThat(read(script)).contains("-- dialect: h2 2.3");
		String url = "jdbc:h2:mem:dba_h2;DB_CLOSE_DELAY=-1";
		SqlScripts.applyWithJdbc(script, url, "sa", "");
		assertThat(History.rows(url, "sa", "")).as("changesets recorded").hasSize(4);
		assertWorkingUsersTable(url, "sa", "",
				new DuplicateKey(SQLIntegrityConstraintViolationException.class, "23505", 23505));
	}

	@ParameterizedTest(name = "-Ddialect={0}")
	@CsvSource({ "mysql, mysql 8.0, datetime(6), true", "oracle, oracle 19.0, TIMESTAMP with time zone, false",
			"mssql, mssql 15.0, datetimeoffset(6), false" })
	void everyOtherDialectGetsItsOwnTypes(String dialect, String header, String instantType, boolean trigger) {
		String sql = read(MavenLiquibase.sql("updateSQL-" + dialect, Map.of(), "liquibase:updateSQL",
				"-Ddialect=" + dialect));
		// DATABASECHANGELOG as a live connection names it: MySQL, like MariaDB, compares table names case-sensitively.
		assertThat(sql).contains("-- dialect: " + header, "CREATE TABLE DATABASECHANGELOG (", "CREATE TABLE users",
				"created_at " + instantType, "updated_at " + instantType)
			.as("every changelog property has a value for %s", dialect)
			.doesNotContain("${");
		// Oracle and SQL Server are offline SQL only: the column without the trigger (see the changeset's comment).
		assertThat(sql.contains("CREATE TRIGGER users_updated_at BEFORE UPDATE ON users FOR EACH ROW")).as(
				"an updated_at trigger for %s", dialect).isEqualTo(trigger);
	}

	/**
	 * The schema works as the service needs it: default creation and update instants, an update that moves
	 * updated_at, emails unique.
	 */
	private static void assertWorkingUsersTable(String url, String username, String password,
			DuplicateKey duplicateKey) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com')");
			Timestamp inserted;
			try (ResultSet rows = statement.executeQuery("SELECT created_at, updated_at FROM users")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getObject(1)).as("created_at defaults to now").isNotNull();
				inserted = rows.getTimestamp(2);
				assertThat(inserted).as("updated_at defaults to now").isNotNull();
			}
			statement.execute("UPDATE users SET name = 'Ada Lovelace' WHERE email = 'ada@example.com'");
			try (ResultSet rows = statement.executeQuery("SELECT updated_at FROM users")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getTimestamp(1)).as("an update that does not name updated_at moves it").isAfter(inserted);
			}
			assertThatThrownBy(
					() -> statement.execute("INSERT INTO users (name, email) VALUES ('Ada again', 'ada@example.com')"))
				.as("a second ada@example.com is refused by the unique index")
				.isInstanceOfSatisfying(duplicateKey.type(), (ex) -> {
					assertThat(ex.getSQLState()).as("SQLState").isEqualTo(duplicateKey.sqlState());
					assertThat(ex.getErrorCode()).as("vendor error code").isEqualTo(duplicateKey.errorCode());
				});
		}
	}

	/** How an engine's driver reports a unique-key violation, and nothing else (not a NOT NULL or a syntax error). */
	private record DuplicateKey(Class<? extends SQLException> type, String sqlState, int errorCode) {
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + file, ex);
		}
	}

}
