package com.usersservice.migration;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import com.usersservice.Http;
import com.usersservice.RunningService;
import com.usersservice.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Prod with two roles, created by the SQL of docs/operations.md: Liquibase runs as the DDL owner
 * (PROD_MIGRATION_USERNAME), the service as a role that may only read and write rows.
 */
class LeastPrivilegeTests {

	static final String SUFFIX = "_" + ProcessHandle.current().pid();

	static final String MIGRATOR = "users_migrator" + SUFFIX;

	static final String APP = "users_app" + SUFFIX;

	static final String PASSWORD = "role-password";

	@BeforeAll
	static void createRoles() throws SQLException {
		try (Connection admin = DriverManager.getConnection(TestPostgres.jdbcUrl(), TestPostgres.username(),
				TestPostgres.password()); Statement sql = admin.createStatement()) {
			sql.execute("CREATE ROLE " + MIGRATOR + " LOGIN PASSWORD '" + PASSWORD + "'");
			sql.execute("CREATE ROLE " + APP + " LOGIN PASSWORD '" + PASSWORD + "'");
		}
	}

	/** A database owned by the migration role, where the service's role may only use the rows. */
	static String createDatabase(String name) throws SQLException {
		try (Connection admin = DriverManager.getConnection(TestPostgres.jdbcUrl(), TestPostgres.username(),
				TestPostgres.password()); Statement sql = admin.createStatement()) {
			sql.execute("CREATE DATABASE " + name + " OWNER " + MIGRATOR);
		}
		String database = TestPostgres.jdbcUrl().replace("/postgres", "/" + name);
		try (Connection admin = DriverManager.getConnection(database, TestPostgres.username(),
				TestPostgres.password()); Statement sql = admin.createStatement()) {
			sql.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
			sql.execute("GRANT CONNECT ON DATABASE " + name + " TO " + APP);
			sql.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
			sql.execute("GRANT USAGE ON SCHEMA public TO " + APP);
			sql.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + MIGRATOR
					+ " IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + APP);
			sql.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + MIGRATOR
					+ " IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO " + APP);
		}
		return database;
	}

	@Test
	void liquibaseRunsAsTheMigrationRoleAndTheServiceNeedsOnlyDml() throws SQLException {
		String database = createDatabase("least_privilege" + SUFFIX);
		Map<String, String> variables = prodVariables(database);
		variables.put("PROD_MIGRATION_USERNAME", MIGRATOR);
		variables.put("PROD_MIGRATION_PASSWORD", PASSWORD);
		try (RunningService service = RunningService.start("prod", variables)) {
			HttpResponse<String> created = Http.postJson(service.url("/users"),
					"{\"name\":\"Least\",\"email\":\"least@example.com\"}");
			assertThat(created.statusCode()).isEqualTo(201);
			assertThat(Http.get(service.url("/users")).body()).contains("least@example.com");
			// The updated_at trigger, created by the migration role, runs for the service's role too.
			HttpResponse<String> updated = Http.send("PUT", service.url(created.headers().firstValue("Location")
				.orElseThrow()), "application/json", "{\"name\":\"Least\",\"email\":\"least2@example.com\"}"
				.getBytes(StandardCharsets.UTF_8));
			assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
			assertThat(updated.headers().firstValue("ETag")).isNotEqualTo(created.headers().firstValue("ETag"));
			assertThat(Http.get(service.managementUrl("/actuator/health/readiness")).statusCode()).isEqualTo(200);
			// Drift detection runs as the service's role: it sees the migration role's tables and trigger.
			HttpResponse<String> migrations = Http.get(service.managementUrl("/actuator/migrations"), "ops", "ops");
			assertThat(migrations.statusCode()).as(migrations.body()).isEqualTo(200);
			assertThat(migrations.body()).contains("\"drift\":[]");
		}
		try (Connection app = DriverManager.getConnection(database, APP, PASSWORD)) {
			assertThat(single(app, "SELECT tableowner FROM pg_tables WHERE tablename = 'users'")).isEqualTo(MIGRATOR);
			assertThat(single(app, "SELECT count(*) FROM databasechangelog")).isEqualTo("4");
			assertRefused(app, "CREATE TABLE intruder (id int)");
			assertRefused(app, "ALTER TABLE users ADD COLUMN intruder int");
			assertRefused(app, "CREATE INDEX intruder ON users (name)");
			assertRefused(app, "DROP TABLE users");
			assertRefused(app, "TRUNCATE users");
		}
	}

	@Test
	void withoutMigrationCredentialsLiquibaseUsesTheServiceRole() throws SQLException {
		// The control experiment: unset, Liquibase runs as the service's own role, which here may not create
		// tables; so the test above really ran Liquibase as PROD_MIGRATION_USERNAME.
		String database = createDatabase("least_privilege_control" + SUFFIX);
		assertThatThrownBy(() -> RunningService.start("prod", prodVariables(database)).close())
			.hasStackTraceContaining("permission denied for schema public");
	}

	private static Map<String, String> prodVariables(String database) {
		Map<String, String> variables = new HashMap<>();
		variables.put("PROD_DATABASE_URL", database);
		variables.put("PROD_DATABASE_USERNAME", APP);
		variables.put("PROD_DATABASE_PASSWORD", PASSWORD);
		variables.put("ACTUATOR_USERNAME", "ops");
		variables.put("ACTUATOR_PASSWORD", "ops");
		// Bearer tokens are not what this test is about: the API open, as behind a gateway that checks them.
		variables.put("API_AUTH", "none");
		return variables;
	}

	private static void assertRefused(Connection connection, String statement) {
		assertThatThrownBy(() -> {
			try (Statement sql = connection.createStatement()) {
				sql.execute(statement);
			}
		}).as(statement).isInstanceOfSatisfying(SQLException.class,
				(ex) -> assertThat(ex.getSQLState()).as(statement + ": " + ex.getMessage()).isEqualTo("42501"));
	}

	private static String single(Connection connection, String query) throws SQLException {
		try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getString(1);
		}
	}

}
