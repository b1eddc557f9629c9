package com.usersservice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator does: {@code SPRING_PROFILES_ACTIVE=prod java -jar app.jar} from a directory that holds nothing
 * of the project, against an empty database, then a restart.
 */
class ProdJarIT {

	@Test
	void migratesAnEmptyDatabaseServesTheApiAndARestartRunsNothingAndKeepsTheData(@TempDir Path elsewhere)
			throws Exception {
		String url = TestPostgres.createDatabase("prod_jar");
		Map<String, String> env = ProdEnvironment.of(url);
		List<String> history;
		try (AppProcess app = PackagedJar.start(elsewhere, env).awaitReady()) {
			report("first start (migrates)", app);
			history = history(url);
			assertThat(history).hasSize(4);
			assertThat(app.postJson("/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").statusCode())
				.isEqualTo(201);
			assertThat(app.get("/users").body()).contains("ada@example.com");
			assertThat(app.output()).contains("Run:                          4");
		}
		try (AppProcess app = PackagedJar.start(elsewhere, env).awaitReady()) {
			report("restart (nothing pending)", app);
			assertThat(history(url)).isEqualTo(history);
			// Nothing pending: the build's changeset manifest proves it without starting Liquibase.
			assertThat(app.output()).contains("Schema is up to date with this build: 4 changesets applied")
				.doesNotContain("executed in");
			assertThat(app.get("/users").body()).contains("ada@example.com");
			for (int i = 0; i < 1000; i++) {
				app.get("/users?size=20");
			}
			System.out.printf("[prod jar] RSS after 1,000 requests: %d MiB%n", app.residentKib() / 1024);
		}
	}

	@Test
	void prodWithoutDatabaseVariablesExitsWithOneLineNamingThem(@TempDir Path elsewhere)
			throws Exception {
		AppProcess app = PackagedJar.start(elsewhere, Map.of("SPRING_PROFILES_ACTIVE", "prod"));
		assertThat(app.awaitExit()).isNotZero();
		String output = app.output();
		assertThat(output).contains("Missing required environment variables PROD_DATABASE_URL, "
				+ "PROD_DATABASE_USERNAME, PROD_DATABASE_PASSWORD, ACTUATOR_USERNAME, ACTUATOR_PASSWORD, "
				+ "JWT_JWK_SET_URI (active profile: prod)");
		assertThat(output.lines().filter((line) -> line.startsWith("\tat ") || line.startsWith("Caused by")))
			.as("no stack trace").isEmpty();
		assertThat(Files.list(elsewhere)).as("nothing written to the working directory").isEmpty();
	}

	private static void report(String phase, AppProcess app) {
		Matcher started = Pattern.compile("Started \\w+ in ([0-9.]+) seconds").matcher(app.output());
		System.out.printf("[prod jar] %s: started in %s s, RSS %d MiB%n", phase,
				started.find() ? started.group(1) : "?", app.residentKib() / 1024);
	}

	private static List<String> history(String url) throws Exception {
		List<String> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url, TestPostgres.username(), TestPostgres.password());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"select id, filename, md5sum, dateexecuted from databasechangelog order by orderexecuted")) {
			while (result.next()) {
				rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3) + " "
						+ result.getTimestamp(4));
			}
		}
		return rows;
	}

}
