package com.usersservice.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import com.usersservice.TestPostgres;
import com.usersservice.UsersServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The prod profile has no database defaults: a missing variable stops the start-up and is named. */
@ExtendWith(OutputCaptureExtension.class)
class RequiredSettingsTests {

	/** Never fetched: no request carries a token here. */
	private static final String JWK_SET = "http://127.0.0.1:1/jwks.json";

	@Test
	void prodWithoutItsDatabaseUrlRefusesToStartNamingTheVariable(CapturedOutput output) {
		assumeTrue(System.getenv("PROD_DATABASE_URL") == null, "PROD_DATABASE_URL is set in this test's environment");
		assertThatExceptionOfType(MissingSettingsException.class)
			.isThrownBy(() -> prod("--PROD_DATABASE_USERNAME=app", "--PROD_DATABASE_PASSWORD=secret",
					"--ACTUATOR_USERNAME=ops", "--ACTUATOR_PASSWORD=secret", "--JWT_JWK_SET_URI=" + JWK_SET))
			.satisfies((ex) -> assertThat(ex.getNames()).containsExactly("PROD_DATABASE_URL"));
		assertThat(output).contains("Missing required environment variable PROD_DATABASE_URL (active profile: prod)")
			.doesNotContain("\tat ");
	}

	@Test
	void everyMissingVariableIsNamedAtOnce() {
		assumeTrue(System.getenv("PROD_DATABASE_URL") == null, "PROD_DATABASE_URL is set in this test's environment");
		assertThatExceptionOfType(MissingSettingsException.class).isThrownBy(() -> prod())
			.withMessageStartingWith(
					"Missing required environment variables PROD_DATABASE_URL, PROD_DATABASE_USERNAME, PROD_DATABASE_PASSWORD");
	}

	@Test
	void standardSpringVariablesStillOverrideAndProdOpensOnlyHealth() throws Exception {
		String url = TestPostgres.createDatabase("prod_override");
		try (ConfigurableApplicationContext context = prod("--spring.datasource.url=" + url,
				"--spring.datasource.username=" + TestPostgres.username(),
				"--spring.datasource.password=" + TestPostgres.password(), "--server.port=0",
				"--management.server.port=0", "--ACTUATOR_USERNAME=ops", "--ACTUATOR_PASSWORD=secret",
				"--JWT_JWK_SET_URI=" + JWK_SET)) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
			assertThat(get(port, "/actuator/health")).isEqualTo(200);
			assertThat(get(port, "/actuator/liquibase")).isEqualTo(401);
			assertThat(get(port, "/actuator/env")).isEqualTo(401);
		}
	}

	@Test
	void devNeedsNoVariables() {
		String url = TestPostgres.createDatabase("dev_defaults");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(UsersServiceApplication.class)
			.run("--spring.datasource.url=" + url, "--spring.datasource.username=" + TestPostgres.username(),
					"--spring.datasource.password=" + TestPostgres.password(), "--server.port=0")) {
			assertThat(context.getEnvironment().getActiveProfiles()).isEmpty();
			assertThat(context.getEnvironment().getProperty("spring.liquibase.contexts")).isEqualTo("dev");
		}
	}

	private static ConfigurableApplicationContext prod(String... args) {
		return new SpringApplicationBuilder(UsersServiceApplication.class).profiles("prod").run(args);
	}

	private static int get(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
