package com.usersservice.user;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.usersservice.TestMariaDb;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole end-to-end suite ({@link UsersApiTests}) again, on MariaDB, configured as a user would: only the
 * environment's database variables change ({@code TEST_DATABASE_URL=jdbc:mariadb://...} here, {@code PROD_DATABASE_URL}
 * in prod); the changelog, the entity and the error handling are the same.
 */
@EnabledIf(value = "com.usersservice.TestMariaDb#available", disabledReason = TestMariaDb.UNAVAILABLE)
@Import(UsersApiOnMariaDbTests.ProfileDatasource.class)
class UsersApiOnMariaDbTests extends UsersApiTests {

	private static String url;

	@LocalServerPort
	private int port;

	@Autowired
	private ObjectMapper json;

	@DynamicPropertySource
	static void datasource(DynamicPropertyRegistry registry) {
		registry.add("TEST_DATABASE_URL", UsersApiOnMariaDbTests::database);
		registry.add("TEST_DATABASE_USERNAME", TestMariaDb::username);
		registry.add("TEST_DATABASE_PASSWORD", TestMariaDb::password);
	}

	private static synchronized String database() {
		if (url == null) {
			url = TestMariaDb.createDatabase("users_api");
		}
		return url;
	}

	/**
	 * MariaDB takes the plain unique index (0002-2): its default collation already ignores case; and its own
	 * updated_at trigger (0001-3).
	 */
	@Override
	@Test
	void liquibaseEndpointListsTheAppliedChangesets() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/liquibase")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		this.json.readTree(response.body())
			.findValues("changeSets")
			.forEach((changeSets) -> changeSets.forEach((changeSet) -> ids.add(changeSet.get("id").asString())));
		assertThat(ids).containsExactly("20261130-0001-1", "20261130-0002-2", "20261203-0001-1", "20261203-0001-3");
	}

	@AfterAll
	static void dropDatabase() {
		if (url != null) {
			TestMariaDb.dropDatabase(url);
		}
	}

	/**
	 * The suite imports the shared PostgreSQL's connection details; the test profile's own datasource (the variables
	 * above) takes precedence here, as it does in a deployment.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ProfileDatasource {

		@Bean
		@Primary
		JdbcConnectionDetails profileDatasource(Environment environment) {
			return new JdbcConnectionDetails() {

				@Override
				public String getJdbcUrl() {
					return environment.getRequiredProperty("spring.datasource.url");
				}

				@Override
				public String getUsername() {
					return environment.getRequiredProperty("spring.datasource.username");
				}

				@Override
				public String getPassword() {
					return environment.getRequiredProperty("spring.datasource.password");
				}

			};
		}

	}

}
