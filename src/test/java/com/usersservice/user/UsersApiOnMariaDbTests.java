package com.usersservice.user;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.usersservice.TestMariaDb;

/**
 * The whole API on MariaDB, configured as a user would: only the environment's database variables differ
 * ({@code TEST_DATABASE_URL=jdbc:mariadb://...} here, {@code PROD_DATABASE_URL} in prod); the changelog, the entity
 * and the error handling are the same.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@EnabledIf(value = "com.usersservice.TestMariaDb#available", disabledReason = TestMariaDb.UNAVAILABLE)
class UsersApiOnMariaDbTests extends UsersApiContract {

	private static String url;

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

	@AfterAll
	static void dropDatabase() {
		if (url != null) {
			TestMariaDb.dropDatabase(url);
		}
	}

}
