package com.usersservice;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service on MariaDB, started as an operator would: the prod profile and
 * {@code PROD_DATABASE_URL=jdbc:mariadb://...}; nothing else changes (the driver is in the jar).
 */
@EnabledIf(value = "com.usersservice.TestMariaDb#available", disabledReason = TestMariaDb.UNAVAILABLE)
class MariaDbProdJarIT {

	@Test
	void theJarMigratesMariadbServesTheApiAndARestartRunsNothing(@TempDir Path elsewhere) throws Exception {
		String url = TestMariaDb.createDatabase("prod_jar");
		Map<String, String> env = ProdEnvironment.of(url);
		env.put("PROD_DATABASE_USERNAME", TestMariaDb.username());
		env.put("PROD_DATABASE_PASSWORD", TestMariaDb.password());
		try {
			try (AppProcess app = PackagedJar.start(elsewhere, env).awaitReady()) {
				assertThat(app.output()).contains("Run:                          4");
				// The history is in MariaDB (the start-up log no longer names the database: the line that did also
				// printed the JDBC URL, credentials included).
				assertThat(historyRows(url)).isEqualTo(4);
				assertThat(app.postJson("/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").statusCode())
					.isEqualTo(201);
				assertThat(app.postJson("/users", "{\"name\":\"Ada\",\"email\":\"ADA@example.com\"}").statusCode())
					.as("emails are unique whatever their case").isEqualTo(409);
			}
			try (AppProcess app = PackagedJar.start(elsewhere, env).awaitReady()) {
				// Nothing pending: the build's changeset manifest proves it without starting Liquibase.
				assertThat(app.output()).contains("Schema is up to date with this build: 4 changesets applied")
					.doesNotContain("ran successfully");
				assertThat(app.get("/users").body()).contains("ada@example.com");
			}
		}
		finally {
			TestMariaDb.dropDatabase(url);
		}
	}

	private static int historyRows(String url) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, TestMariaDb.username(), TestMariaDb.password());
				ResultSet rows = connection.createStatement().executeQuery("select count(*) from DATABASECHANGELOG")) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
