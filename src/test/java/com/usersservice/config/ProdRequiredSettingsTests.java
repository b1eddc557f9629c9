package com.usersservice.config;

import java.util.Map;

import com.usersservice.RunningService;
import com.usersservice.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prod does not start without the actuator account, and says which variables to set. */
class ProdRequiredSettingsTests {

	@Test
	void prodRefusesToStartWithoutActuatorCredentialsAndNamesThem() {
		Map<String, String> withoutActuator = Map.of("PROD_DATABASE_URL", TestPostgres.jdbcUrl(),
				"PROD_DATABASE_USERNAME", TestPostgres.username(), "PROD_DATABASE_PASSWORD", TestPostgres.password());
		assertThatThrownBy(() -> RunningService.start("prod", withoutActuator).close())
			.isInstanceOf(MissingSettingsException.class)
			.hasMessage("Missing required environment variables ACTUATOR_USERNAME, ACTUATOR_PASSWORD"
					+ " (active profile: prod)");
	}

	@Test
	void prodRefusesToStartWithoutActuatorPassword() {
		Map<String, String> withoutPassword = Map.of("PROD_DATABASE_URL", TestPostgres.jdbcUrl(),
				"PROD_DATABASE_USERNAME", TestPostgres.username(), "PROD_DATABASE_PASSWORD", TestPostgres.password(),
				"ACTUATOR_USERNAME", "ops");
		assertThatThrownBy(() -> RunningService.start("prod", withoutPassword).close())
			.isInstanceOf(MissingSettingsException.class)
			.hasMessageContaining("ACTUATOR_PASSWORD")
			.hasMessageNotContaining("ACTUATOR_USERNAME");
	}

}
