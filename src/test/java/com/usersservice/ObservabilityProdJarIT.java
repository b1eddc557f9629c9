package com.usersservice;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service in prod, as an operator runs it: JSON logs on the console with a line per changeset and the
 * build's version and commit on every line, no credential in any line even when the JDBC URL carries one, and no API
 * description unless it is switched on.
 */
class ObservabilityProdJarIT {

	private static final ObjectMapper json = JsonMapper.builder().build();

	@Test
	void logsJsonLinesWithoutCredentialsAndServesNoApiDocsByDefault(@TempDir Path elsewhere) throws Exception {
		String urlSecret = "s3cr3t-url-" + UUID.randomUUID();
		String passwordSecret = "s3cr3t-env-" + UUID.randomUUID();
		String actuatorSecret = "s3cr3t-act-" + UUID.randomUUID();
		String role = "prod_logs_" + ProcessHandle.current().pid();
		String url = TestPostgres.createDatabase("prod_logs");
		ownedBy(url, role, urlSecret);

		Map<String, String> env = ProdEnvironment.of(url + (url.contains("?") ? "&" : "?") + "password="
				+ urlSecret);
		env.put("PROD_DATABASE_USERNAME", role);
		env.put("PROD_DATABASE_PASSWORD", passwordSecret);
		env.put("ACTUATOR_USERNAME", "operator");
		env.put("ACTUATOR_PASSWORD", actuatorSecret);
		String output;
		try (AppProcess app = PackagedJar.start(elsewhere, env).awaitReady()) {
			assertThat(app.postJson("/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").statusCode())
				.isEqualTo(201);
			assertThat(app.get("/users").statusCode()).isEqualTo(200);
			for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html")) {
				var response = app.get(path);
				assertThat(response.statusCode()).as("GET %s in prod", path).isNotEqualTo(200).isNotEqualTo(302);
				assertThat(response.body()).as("GET %s in prod", path)
					.doesNotContain("\"openapi\"", "swagger-ui-bundle");
			}
			app.close();
			output = app.output();
		}

		assertThat(output).as("the log").doesNotContain(urlSecret, passwordSecret, actuatorSecret, "password=");
		List<String> lines = output.lines().filter((line) -> !line.isBlank()).toList();
		assertThat(lines).isNotEmpty();
		Properties git = new Properties();
		try (InputStream in = ObservabilityProdJarIT.class.getResourceAsStream("/git.properties")) {
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
			.map(ObservabilityProdJarIT::parse)
			.filter((event) -> event.path("message").asString("").startsWith("Changeset 20261130-0001-1 "))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No changeset line in:\n" + output));
		assertThat(changeset.path("log").path("level").asString()).isEqualTo("INFO");
		assertThat(changeset.path("changeset").path("id").asString()).isEqualTo("20261130-0001-1");
		assertThat(changeset.path("changeset").path("file").asString())
			.isEqualTo("db/changelog/changes/20261130-0001-create-users.yaml");
		assertThat(changeset.path("changeset").path("durationMs").isNumber()).isTrue();
	}

	@Test
	void apiDocsEnabledSwitchesTheDescriptionAndSwaggerUiOnInProd(@TempDir Path elsewhere) throws Exception {
		Map<String, String> env = ProdEnvironment.of(TestPostgres.createDatabase("prod_docs"));
		env.put("API_DOCS_ENABLED", "true");
		env.put("ACTUATOR_USERNAME", "operator");
		env.put("ACTUATOR_PASSWORD", "operator-" + UUID.randomUUID());
		try (AppProcess app = PackagedJar.start(elsewhere, env).awaitReady()) {
			var docs = app.get("/v3/api-docs");
			assertThat(docs.statusCode()).isEqualTo(200);
			assertThat(json.readTree(docs.body()).get("paths").has("/users")).isTrue();
			assertThat(app.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
		}
	}

	private static String buildVersion() throws IOException {
		Properties build = new Properties();
		try (InputStream in = ObservabilityProdJarIT.class.getResourceAsStream("/META-INF/build-info.properties")) {
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
