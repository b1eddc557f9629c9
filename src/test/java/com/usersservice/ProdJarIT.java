package com.usersservice;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator does: {@code SPRING_PROFILES_ACTIVE=prod java -jar app.jar} from a directory that holds nothing
 * of the project, against an empty database, then a restart. Along the way, what the operator sees: JSON logs on the
 * console with a line per changeset and the build's version and commit on every line, no credential in any line even
 * when the JDBC URL carries one, and no API description unless it is switched on (the restart switches it on). One
 * pair of starts for all of it: each start of the jar costs seconds of CPU.
 */
class ProdJarIT {

	private static final ObjectMapper json = JsonMapper.builder().build();

	@Test
	void migratesAnEmptyDatabaseServesTheApiAndARestartRunsNothingAndKeepsTheData(@TempDir Path elsewhere)
			throws Exception {
		String urlSecret = "s3cr3t-url-" + UUID.randomUUID();
		String passwordSecret = "s3cr3t-env-" + UUID.randomUUID();
		String actuatorSecret = "s3cr3t-act-" + UUID.randomUUID();
		String role = "prod_jar_" + ProcessHandle.current().pid();
		String url = TestPostgres.createDatabase("prod_jar");
		ownedBy(url, role, urlSecret);
		Map<String, String> env = ProdEnvironment.of(url + (url.contains("?") ? "&" : "?") + "password="
				+ urlSecret);
		env.put("PROD_DATABASE_USERNAME", role);
		env.put("PROD_DATABASE_PASSWORD", passwordSecret);
		env.put("ACTUATOR_USERNAME", "operator");
		env.put("ACTUATOR_PASSWORD", actuatorSecret);
		List<String> history;
		String output;
		try (AppProcess app = PackagedJar.start(elsewhere, env).awaitReady()) {
			report("first start (migrates)", app);
			history = history(url);
			assertThat(history).hasSize(4);
			assertThat(app.postJson("/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").statusCode())
				.isEqualTo(201);
			assertThat(app.get("/users").body()).contains("ada@example.com");
			for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html")) {
				var response = app.get(path);
				assertThat(response.statusCode()).as("GET %s in prod", path).isNotEqualTo(200).isNotEqualTo(302);
				assertThat(response.body()).as("GET %s in prod", path)
					.doesNotContain("\"openapi\"", "swagger-ui-bundle");
			}
			app.close();
			output = app.output();
			assertThat(output).contains("Run:                          4");
		}
		assertJsonLogsWithoutCredentials(output, urlSecret, passwordSecret, actuatorSecret);

		env.put("API_DOCS_ENABLED", "true");
		try (AppProcess app = PackagedJar.start(elsewhere, env).awaitReady()) {
			report("restart (nothing pending)", app);
			assertThat(history(url)).isEqualTo(history);
			// Nothing pending: the build's changeset manifest proves it without starting Liquibase.
			assertThat(app.output()).contains("Schema is up to date with this build: 4 changesets applied")
				.doesNotContain("executed in");
			assertThat(app.get("/users").body()).contains("ada@example.com");
			var docs = app.get("/v3/api-docs");
			assertThat(docs.statusCode()).as("API_DOCS_ENABLED=true").isEqualTo(200);
			assertThat(json.readTree(docs.body()).get("paths").has("/users")).isTrue();
			assertThat(app.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
			for (int i = 0; i < 1000; i++) {
				app.get("/users?size=20");
			}
			System.out.printf("[prod jar] RSS after 1,000 requests: %d MiB%n", app.residentKib() / 1024);
			assertThat(app.output()).as("the restart's log").doesNotContain(urlSecret, passwordSecret, actuatorSecret);
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

	private static void assertJsonLogsWithoutCredentials(String output, String urlSecret, String passwordSecret,
			String actuatorSecret) throws IOException {
		assertThat(output).as("the log").doesNotContain(urlSecret, passwordSecret, actuatorSecret, "password=");
		List<String> lines = output.lines().filter((line) -> !line.isBlank()).toList();
		assertThat(lines).isNotEmpty();
		Properties git = new Properties();
		try (InputStream in = ProdJarIT.class.getResourceAsStream("/git.properties")) {
			if (in != null) {
				git.load(in);
			}
		}
		String commit = git.getProperty("git.commit.id.abbrev", "unknown");
		for (String line : lines) {
			JsonNode event = parse(line);
			assertThat(event).as("a JSON log event: %s", line).isNotNull();
			// The build's version and commit (build-info.properties, git.properties), not the run time's.
			assertThat(event.path("service").path("version").asString()).as(line).isEqualTo(buildVersion());
			assertThat(event.path("labels").path("git_commit").asString()).as(line).isEqualTo(commit);
		}
		JsonNode changeset = lines.stream()
			.map(ProdJarIT::parse)
			.filter((event) -> event.path("message").asString("").startsWith("Changeset 20261130-0001-1 "))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No changeset line in:\n" + output));
		assertThat(changeset.path("log").path("level").asString()).isEqualTo("INFO");
		assertThat(changeset.path("changeset").path("id").asString()).isEqualTo("20261130-0001-1");
		assertThat(changeset.path("changeset").path("file").asString())
			.isEqualTo("db/changelog/changes/20261130-0001-create-users.yaml");
		assertThat(changeset.path("changeset").path("durationMs").isNumber()).isTrue();
	}

	private static String buildVersion() throws IOException {
		Properties build = new Properties();
		try (InputStream in = ProdJarIT.class.getResourceAsStream("/META-INF/build-info.properties")) {
			build.load(in);
		}
		return build.getProperty("build.version");
	}

	private static JsonNode parse(String line) {
		try {
			JsonNode event = json.readTree(line);
			return event.isObject() ? event : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** A role of its own with a password only the JDBC URL knows, owning the new database. */
	private static void ownedBy(String url, String role, String password) throws Exception {
		String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
		try (Connection admin = DriverManager.getConnection(TestPostgres.jdbcUrl(), TestPostgres.username(),
				TestPostgres.password()); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
			statement.execute("ALTER DATABASE " + database + " OWNER TO " + role);
		}
	}

}
