package com.usersservice.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Names every database connection of this release {@code users-service/<version>} ({@link ReleaseName}): PostgreSQL's
 * {@code ApplicationName} and MariaDB's connection attribute {@code program_name}, as driver properties of the pool.
 * Each driver ignores the other's property. Added last, so a property an operator sets wins. Liquibase's own
 * connection (a separate data source when it has its own credentials) receives the same driver properties.
 */
class ReleaseConnectionNames implements EnvironmentPostProcessor {

	static final String DRIVER_PROPERTIES = "spring.datasource.hikari.data-source-properties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = (application.getClassLoader() != null) ? application.getClassLoader()
				: ReleaseConnectionNames.class.getClassLoader();
		String name = ReleaseName.of(ReleaseName.version(classLoader));
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(DRIVER_PROPERTIES + "[ApplicationName]", name);
		properties.put(DRIVER_PROPERTIES + "[connectionAttributes]", "program_name:" + name);
		environment.getPropertySources().addLast(new MapPropertySource("releaseConnectionNames", properties));
	}

}
