package com.usersservice.config;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.usersservice.Http;
import com.usersservice.RunningService;
import com.usersservice.TestPostgres;
import com.usersservice.TestTokenIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issuer's JWK set out of reach: the service starts and is ready anyway, answers 401 while it cannot check a
 * token, waits a bounded time for an issuer that does not answer, and serves again as soon as the JWK set is back,
 * without a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwkSetOutageTests {

	@Test
	void startsWithoutItsJwkSetAnswers401UntilItIsBackThenServes(CapturedOutput output) {
		try (TestTokenIssuer issuer = TestTokenIssuer.notServing(); RunningService service = start(issuer)) {
			assertThat(Http.get(service.managementUrl("/actuator/health/readiness")).statusCode()).isEqualTo(200);
			String token = issuer.token("users:read");
			HttpResponse<String> refused = get(service, token);
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(Http.contentType(refused)).isEqualTo("application/problem+json");
			assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					(value) -> assertThat(value).startsWith("Bearer ").contains("error=\"invalid_token\""));
			assertThat(refused.body()).contains("keys are unavailable");
			assertThat(output).contains("A bearer token could not be checked").doesNotContain(token);

			issuer.serve();
			assertThat(get(service, token).statusCode()).isEqualTo(200);
			issuer.stopServing();
			assertThat(get(service, issuer.token("users:read")).statusCode()).as("keys already fetched are kept")
				.isEqualTo(200);
		}
	}

	@Test
	void aJwkSetThatNeverAnswersCostsARequestSecondsAndA401() {
		try (TestTokenIssuer issuer = TestTokenIssuer.start(); RunningService service = start(issuer)) {
			issuer.delayResponses(Duration.ofSeconds(90));
			long started = System.nanoTime();
			HttpResponse<String> response = get(service, issuer.token("users:read"));
			Duration waited = Duration.ofNanos(System.nanoTime() - started);
			assertThat(response.statusCode()).isEqualTo(401);
			// The read timeout is 5 s; Spring Security's own default would hold the request for 30 s.
			assertThat(waited).isLessThan(Duration.ofSeconds(20));
		}
	}

	private static RunningService start(TestTokenIssuer issuer) {
		Map<String, String> env = new HashMap<>(issuer.variables());
		env.putAll(Map.of("PROD_DATABASE_URL", TestPostgres.createDatabase("jwk_outage"), "PROD_DATABASE_USERNAME",
				TestPostgres.username(), "PROD_DATABASE_PASSWORD", TestPostgres.password(), "ACTUATOR_USERNAME", "ops",
				"ACTUATOR_PASSWORD", "ops-secret"));
		return RunningService.start("prod", env);
	}

	private static HttpResponse<String> get(RunningService service, String token) {
		return Http.send(HttpRequest.newBuilder(URI.create(service.url("/users")))
			.header("Authorization", "Bearer " + token));
	}

}
