package com.usersservice.migration;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads {@code MIGRATION_MODE} before the application context exists: an unknown mode stops the service at once, and
 * the modes that exit after the changelog step (migrate-only, drift-report, contract) start no web server at all, so a
 * Kubernetes Job or an init container never opens a port. In background mode Hibernate does not validate the schema
 * while the context starts: the migration runs after that, and {@link BackgroundMigration} validates once it is done.
 */
class MigrationModeEnvironment implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MigrationMode mode = MigrationSettings.bind(environment).mode();
		Map<String, Object> settings = new HashMap<>();
		if (!mode.serves()) {
			settings.put("spring.main.web-application-type", "none");
		}
		if (mode == MigrationMode.DRIFT_REPORT || mode == MigrationMode.BACKGROUND) {
			// drift-report: the report must come out however far the schema drifted, also when Hibernate would reject
			// it. background: the schema is not current yet when the entity manager factory starts.
			settings.put("spring.jpa.hibernate.ddl-auto", "none");
		}
		if (!settings.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource("migrationMode", settings));
		}
	}

}
