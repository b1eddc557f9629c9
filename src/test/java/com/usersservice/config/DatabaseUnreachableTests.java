package com.usersservice.config;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.usersservice.TestPostgres;
import com.usersservice.UsersServiceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code ./mvnw spring-boot:run} without the dev database: the report says the database cannot be reached and names
 * the ways out, not advice about changesets.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseUnreachableTests {

	@Test
	void devWithoutItsDatabaseNamesTheWaysOut(CapturedOutput output) throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		String url = "jdbc:postgresql://127.0.0.1:" + closed + "/users_dev?password=secret";
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(UsersServiceApplication.class)
			.run("--spring.datasource.url=" + url, "--server.port=0"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Could not connect to the dev database at jdbc:postgresql://127.0.0.1:" + closed + "/users_dev: "
					+ "Connection to 127.0.0.1:" + closed + " refused")
			.contains("./mvnw spring-boot:test-run", "docker compose up -d db",
					"DEV_DATABASE_URL, DEV_DATABASE_USERNAME and DEV_DATABASE_PASSWORD")
			.doesNotContain("Fix the changeset")
			.doesNotContain("password=secret");
	}

	@Test
	void aMissingDatabaseIsReportedTheSameWay(CapturedOutput output) {
		String url = TestPostgres.jdbcUrl().replace("/postgres", "/no_such_database");
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(UsersServiceApplication.class)
			.run("--spring.datasource.url=" + url, "--spring.datasource.username=" + TestPostgres.username(),
					"--spring.datasource.password=" + TestPostgres.password(), "--server.port=0"));
		assertThat(output).contains("Could not connect to the dev database at")
			.contains("no_such_database")
			.contains("./mvnw spring-boot:test-run");
	}

	@Test
	void otherFailuresAreLeftToTheirOwnReports() {
		assertThat(DatabaseUnreachableFailureAnalyzer.unreachable(new IllegalStateException("boom"))).isNull();
	}

}
