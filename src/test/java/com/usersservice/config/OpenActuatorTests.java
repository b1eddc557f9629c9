package com.usersservice.config;

import java.net.http.HttpResponse;

import com.usersservice.Http;
import com.usersservice.TestDatabaseConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside prod, Spring Security changes nothing a developer sees: actuator and the API answer without credentials. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
@ActiveProfiles("test")
class OpenActuatorTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/readiness", "/actuator/liquibase", "/actuator/info",
			"/actuator/metrics", "/users" })
	void answersWithoutCredentialsOnTheServerPort(String path) {
		HttpResponse<String> response = Http.get("http://localhost:" + this.port + path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
	}

}
