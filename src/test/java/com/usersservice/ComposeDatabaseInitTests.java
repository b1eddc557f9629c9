package com.usersservice;

import java.io.File;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The script compose's PostgreSQL runs when it initialises its volume (deploy/postgres/), run with psql against a real
 * PostgreSQL: the dev and test databases belong to the roles and passwords of DEV_DATABASE_* and TEST_DATABASE_*.
 */
class ComposeDatabaseInitTests {

	private static final Path SCRIPT = Path.of("deploy/postgres/10-dev-test-databases.sh");

	private static final String DEV_USER = "compose_dev_" + ProcessHandle.current().pid();

	private static final String TEST_USER = "compose_test_" + ProcessHandle.current().pid();

	@Test
	void createsTheTestDatabaseWithTheTestCredentials() throws Exception {
		Assumptions.assumeTrue(onPath("psql"),
				"psql is not installed: the init script cannot be run here");
		URI server = URI.create(TestPostgres.jdbcUrl().substring("jdbc:".length()));
		ProcessBuilder init = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
		init.environment()
			.putAll(Map.of("PGHOST", server.getHost(), "PGPORT", String.valueOf(server.getPort()), "PGPASSWORD",
					TestPostgres.password(), "POSTGRES_USER", TestPostgres.username(), "POSTGRES_DB", "postgres",
					// md5 so that the test can check which password each role got; compose's PostgreSQL uses SCRAM.
					"PGOPTIONS", "-c password_encryption=md5"));
		init.environment()
			.putAll(Map.of("DEV_DATABASE_USERNAME", DEV_USER, "DEV_DATABASE_PASSWORD", "dev-secret",
					"TEST_DATABASE_USERNAME", TEST_USER, "TEST_DATABASE_PASSWORD", "test-'secret"));
		Process process = init.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();

		try (Connection admin = admin(); Statement statement = admin.createStatement()) {
			assertThat(owner(statement, "users_dev")).isEqualTo(DEV_USER);
			assertThat(owner(statement, "users_test")).isEqualTo(TEST_USER);
			assertThat(password(statement, DEV_USER)).isEqualTo(md5(DEV_USER, "dev-secret"));
			assertThat(password(statement, TEST_USER)).as("TEST_DATABASE_PASSWORD, quote and all")
				.isEqualTo(md5(TEST_USER, "test-'secret"));
		}
	}

	@AfterEach
	void dropWhatTheScriptCreated() throws SQLException {
		try (Connection admin = admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS users_dev");
			statement.execute("DROP DATABASE IF EXISTS users_test");
			statement.execute("DROP ROLE IF EXISTS " + DEV_USER);
			statement.execute("DROP ROLE IF EXISTS " + TEST_USER);
		}
	}

	private static Connection admin() throws SQLException {
		return DriverManager.getConnection(TestPostgres.jdbcUrl(), TestPostgres.username(), TestPostgres.password());
	}

	private static String owner(Statement statement, String database) throws SQLException {
		try (ResultSet row = statement.executeQuery("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '"
				+ database + "'")) {
			assertThat(row.next()).as("database %s exists", database).isTrue();
			return row.getString(1);
		}
	}

	private static String password(Statement statement, String role) throws SQLException {
		try (ResultSet row = statement.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = '" + role
				+ "' AND rolcanlogin")) {
			assertThat(row.next()).as("login role %s exists", role).isTrue();
			return row.getString(1);
		}
	}

	/** PostgreSQL's md5 password hash: "md5" + md5(password + role name). */
	private static String md5(String role, String password) throws Exception {
		byte[] digest = MessageDigest.getInstance("MD5").digest((password + role).getBytes(StandardCharsets.UTF_8));
		return "md5" + String.format("%032x", new BigInteger(1, digest));
	}

	private static boolean onPath(String command) {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String directory : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(directory, command))) {
				return true;
			}
		}
		return false;
	}

}
