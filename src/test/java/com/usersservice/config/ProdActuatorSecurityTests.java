package com.usersservice.config;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.usersservice.Http;
import com.usersservice.RunningService;
import com.usersservice.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The prod profile as an operator runs it behind a gateway that checks the tokens itself ({@code API_AUTH=none}):
 * actuator on its own port, health open to probes and every other endpoint behind HTTP Basic; the API open, and the
 * start-up says so once, at WARN. (With prod's default, bearer tokens: {@link ProdApiSecurityTests}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class ProdActuatorSecurityTests {

	static final String USERNAME = "ops";

	static final String PASSWORD = "s3cret:with colon";

	static RunningService service;

	@BeforeAll
	static void startProd() {
		service = RunningService.start("prod",
				Map.of("PROD_DATABASE_URL", TestPostgres.createDatabase("prod_actuator"), "PROD_DATABASE_USERNAME",
						TestPostgres.username(), "PROD_DATABASE_PASSWORD", TestPostgres.password(),
						"ACTUATOR_USERNAME", USERNAME, "ACTUATOR_PASSWORD", PASSWORD, "API_AUTH", "none"));
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void probesAreOpen(String path) {
		HttpResponse<String> response = Http.get(management(path));
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator", "/actuator/liquibase", "/actuator/info", "/actuator/metrics",
			"/actuator/prometheus", "/actuator/migrations", "/actuator/env", "/actuator/not-an-endpoint" })
	void everythingElseNeedsCredentials(String path) {
		HttpResponse<String> anonymous = Http.get(management(path));
		assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
		assertThat(Http.contentType(anonymous)).isEqualTo("application/problem+json");
		assertThat(anonymous.body()).contains("\"status\":401").contains("ACTUATOR_USERNAME");
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("Basic realm="));

		HttpResponse<String> wrongPassword = Http.get(management(path), USERNAME, "guess");
		assertThat(wrongPassword.statusCode()).as(path).isEqualTo(401);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/liquibase", "/actuator/info", "/actuator/metrics", "/actuator/prometheus" })
	void credentialsOpenTheProtectedEndpoints(String path) {
		HttpResponse<String> response = Http.get(management(path), USERNAME, PASSWORD);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theOperatorReadsTheMigrationsReport() {
		HttpResponse<String> response = Http.get(management("/actuator/migrations"), USERNAME, PASSWORD);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(Http.contentType(response)).endsWith("json");
		Map<String, Object> report = JsonMapper.builder().build().readValue(response.body(), Map.class);
		assertThat(report).containsExactly(entry("applied", 4), entry("pending", List.of()),
				entry("contractPending", List.of()), entry("unknown", List.of()), entry("checksumMismatches", List.of()), entry("drift", List.of()),
				entry("lock", Map.of("locked", false)));
	}

	@Test
	void healthShowsDetailsOnlyToTheOperator() {
		assertThat(Http.get(management("/actuator/health")).body()).doesNotContain("components");
		assertThat(Http.get(management("/actuator/health"), USERNAME, PASSWORD).body()).contains("\"db\"");
	}

	@Test
	void prometheusServesTheServiceMetrics() {
		HttpResponse<String> response = Http.get(management("/actuator/prometheus"), USERNAME, PASSWORD);
		assertThat(response.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
	}

	@Test
	void actuatorIsNotOnTheServerPortAndTheApiIsNotOnTheManagementPort() {
		assertThat(Http.get(server("/actuator/health")).statusCode()).isEqualTo(404);
		assertThat(Http.get(server("/actuator/liquibase")).statusCode()).isEqualTo(404);
		assertThat(Http.get(server("/actuator/liquibase"), USERNAME, PASSWORD).statusCode()).isEqualTo(404);
		assertThat(Http.get(management("/users")).statusCode()).isEqualTo(404);
	}

	@Test
	void anOpenApiInProdIsLoggedOnceAtWarn(CapturedOutput output) {
		List<String> warnings = output.getAll()
			.lines()
			.filter((line) -> line.contains("API_AUTH=none"))
			.toList();
		assertThat(warnings).hasSize(1);
		assertThat(warnings.get(0)).contains("WARN").contains("without a token");
	}

	@Test
	void theApiNeedsNoCredentialsAndNoCsrfToken() {
		assertThat(Http.get(server("/users")).statusCode()).isEqualTo(200);
		HttpResponse<String> created = Http.postJson(server("/users"),
				"{\"name\":\"Prod Ada\",\"email\":\"prod-ada@example.com\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void theApiAnswersWithTheSecurityHeaders() {
		HttpResponse<String> page = Http.get(server("/users"));
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(
				(value) -> assertThat(value).contains("no-store"));
	}

	private static String management(String path) {
		return service.managementUrl(path);
	}

	private static String server(String path) {
		return service.url(path);
	}

}
