package com.usersservice.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.usersservice.RunningService;
import com.usersservice.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Prod does not start without the actuator account, nor, with bearer tokens (its default), without the issuer's JWK
 * set URL; it says which variables to set.
 */
class ProdRequiredSettingsTests {

	/** Never fetched: the start-up reads no key. */
	static final String UNREACHABLE_JWK_SET = "http://127.0.0.1:1/jwks.json";

	@Test
	void prodRefusesToStartWithoutActuatorCredentialsAndNamesThem() {
		Map<String, String> withoutActuator = Map.of("PROD_DATABASE_URL", TestPostgres.jdbcUrl(),
				"PROD_DATABASE_USERNAME", TestPostgres.username(), "PROD_DATABASE_PASSWORD", TestPostgres.password(),
				"JWT_JWK_SET_URI", UNREACHABLE_JWK_SET);
		assertThatThrownBy(() -> RunningService.start("prod", withoutActuator).close())
			.isInstanceOf(MissingSettingsException.class)
			.hasMessage("Missing required environment variables ACTUATOR_USERNAME, ACTUATOR_PASSWORD"
					+ " (active profile: prod)");
	}

	@Test
	void prodRefusesToStartWithoutActuatorPassword() {
		Map<String, String> withoutPassword = Map.of("PROD_DATABASE_URL", TestPostgres.jdbcUrl(),
				"PROD_DATABASE_USERNAME", TestPostgres.username(), "PROD_DATABASE_PASSWORD", TestPostgres.password(),
				"ACTUATOR_USERNAME", "ops", "JWT_JWK_SET_URI", UNREACHABLE_JWK_SET);
		assertThatThrownBy(() -> RunningService.start("prod", withoutPassword).close())
			.isInstanceOf(MissingSettingsException.class)
			.hasMessageContaining("ACTUATOR_PASSWORD")
			.hasMessageNotContaining("ACTUATOR_USERNAME");
	}

	@Test
	void prodRefusesToServeBearerTokensWithoutTheJwkSetUriAndNamesIt() {
		for (String auth : List.of("", "jwt", "JWT")) {
			Map<String, String> withoutJwkSet = new HashMap<>(everythingElse());
			if (!auth.isEmpty()) {
				withoutJwkSet.put("API_AUTH", auth);
			}
			assertThatThrownBy(() -> RunningService.start("prod", withoutJwkSet).close()).as("API_AUTH=%s", auth)
				.isInstanceOf(MissingSettingsException.class)
				.hasMessage("Missing required environment variable JWT_JWK_SET_URI (active profile: prod)");
		}
		Map<String, String> empty = new HashMap<>(everythingElse());
		empty.put("JWT_JWK_SET_URI", "");
		assertThatThrownBy(() -> RunningService.start("prod", empty).close()).as("an empty JWT_JWK_SET_URI")
			.isInstanceOf(MissingSettingsException.class)
			.hasMessageContaining("JWT_JWK_SET_URI");
	}

	@Test
	void aRunThatServesNoHttpNeedsNoJwkSetUri() {
		Map<String, String> migrateOnly = new HashMap<>(everythingElse());
		migrateOnly.put("PROD_DATABASE_URL", TestPostgres.createDatabase("migrate_only_no_jwt"));
		migrateOnly.put("MIGRATION_MODE", "migrate-only");
		assertThatCode(() -> RunningService.start("prod", migrateOnly).close()).doesNotThrowAnyException();
	}

	@Test
	void anUnknownApiAuthStopsTheStartNamingTheSetting() {
		Map<String, String> unknown = new HashMap<>(everythingElse());
		unknown.put("API_AUTH", "basic");
		unknown.put("JWT_JWK_SET_URI", UNREACHABLE_JWK_SET);
		assertThatThrownBy(() -> RunningService.start("prod", unknown).close())
			.hasStackTraceContaining("users.api.auth");
	}

	private static Map<String, String> everythingElse() {
		return Map.of("PROD_DATABASE_URL", TestPostgres.jdbcUrl(), "PROD_DATABASE_USERNAME", TestPostgres.username(),
				"PROD_DATABASE_PASSWORD", TestPostgres.password(), "ACTUATOR_USERNAME", "ops", "ACTUATOR_PASSWORD",
				"secret");
	}

}
