package com.usersservice.migration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code -Ddialect=...}: one changelog, a valid script per database, applied to real engines where they run here. */
@ResourceLock(MavenLiquibase.LIQUIBASE)
class DialectSqlIT {

	private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/";

	@Test
	void theMariaDbScriptAppliesToMariaDb() throws SQLException {
		Assumptions.assumeTrue(reachable("127.0.0.1", 3306),
				"No MariaDB on 127.0.0.1:3306: the MariaDB script is generated but not applied");
		Path script = MavenLiquibase.sql("updateSQL-mariadb", Map.of(), "liquibase:updateSQL", "-Ddialect=mariadb");
		assertThat(read(script)).contains("-- dialect: mariadb 10.11");
		String database = "dba_mariadb_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
		try (Connection admin = DriverManager.getConnection(MARIADB_URL, "root", "");
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
			try {
				SqlScripts.applyWithJdbc(script, MARIADB_URL + database, "root", "");
				assertWorkingUsersTable(MARIADB_URL + database, "root", "");
			}
			finally {
				statement.execute("DROP DATABASE " + database);
			}
		}
	}

	@Test
	void theH2ScriptAppliesToH2() throws SQLException {
		Path script = MavenLiquibase.sql("updateSQL-h2", Map.of(), "liquibase:updateSQL", "-Ddialect=h2");
		assertThat(read(script)).contains("-- dialect: h2 2.3");
		String url = "jdbc:h2:mem:dba_h2;DB_CLOSE_DELAY=-1";
		SqlScripts.applyWithJdbc(script, url, "sa", "");
		assertWorkingUsersTable(url, "sa", "");
	}

	@ParameterizedTest(name = "-Ddialect={0}")
	@CsvSource({ "mysql, mysql 8.0, datetime(6)", "oracle, oracle 19.0, TIMESTAMP with time zone",
			"mssql, mssql 15.0, datetimeoffset(6)" })
	void everyOtherDialectGetsItsOwnTypes(String dialect, String header, String instantType) {
		String sql = read(MavenLiquibase.sql("updateSQL-" + dialect, Map.of(), "liquibase:updateSQL",
				"-Ddialect=" + dialect));
		assertThat(sql).contains("-- dialect: " + header, "CREATE TABLE users", "created_at " + instantType)
			.as("every changelog property has a value for %s", dialect)
			.doesNotContain("${");
	}

	/** The schema works as the service needs it: a default creation instant, emails unique. */
	private static void assertWorkingUsersTable(String url, String username, String password) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com')");
			try (ResultSet rows = statement.executeQuery("SELECT created_at FROM users")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getObject(1)).as("created_at defaults to now").isNotNull();
			}
			try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM databasechangelog")) {
				rows.next();
				assertThat(rows.getInt(1)).as("changesets recorded").isEqualTo(2);
			}
			assertThat(duplicateRefused(statement)).as("a second ada@example.com is refused").isTrue();
		}
	}

	private static boolean duplicateRefused(Statement statement) {
		try {
			statement.execute("INSERT INTO users (name, email) VALUES ('Ada again', 'ada@example.com')");
			return false;
		}
		catch (SQLException ex) {
			return true;
		}
	}

	private static boolean reachable(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
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
