package com.usersservice.migration;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads {@code MIGRATION_MODE} before the application context exists: an unknown mode stops the service at once, and
 * the modes that exit after the changelog step (migrate-only, drift-report) start no web server at all, so a
 * Kubernetes Job or an init container never opens a port.
 */
class MigrationModeEnvironment implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MigrationMode mode = MigrationMode.of(environment.getProperty(MigrationMode.PROPERTY));
		if (!mode.serves()) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("migrationMode", Map.of("spring.main.web-application-type", "none")));
		}
	}

}
