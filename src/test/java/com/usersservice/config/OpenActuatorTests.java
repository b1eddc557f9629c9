package com.usersservice.config;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.usersservice.Http;
import com.usersservice.TestDatabaseConfiguration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outside prod, Spring Security changes nothing a developer sees: actuator and the API answer without credentials.
 * {@code /actuator/info} shows what the build recorded (spring-boot:build-info, git-commit-id-maven-plugin).
 */
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

	@Test
	void infoShowsTheVersionAndTheCommitTheBuildRecorded() throws Exception {
		String body = Http.get("http://localhost:" + this.port + "/actuator/info").body();
		JsonNode info = JsonMapper.builder().build().readTree(body);

		String version = Files.readString(Path.of("pom.xml"))
			.replaceAll("(?s).*?<artifactId>users-service</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
		assertThat(info.path("build").path("version").asString()).isEqualTo(version);
		Assumptions.assumeTrue(Files.exists(Path.of(".git")), "not a git checkout: the build records no commit");
		Process git = new ProcessBuilder("git", "rev-parse", "HEAD").start();
		String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(git.waitFor()).isZero();
		assertThat(info.path("git").path("commit").path("id").asString()).as(body).isEqualTo(head.substring(0, 12));
	}

}
