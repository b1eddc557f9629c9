package com.usersservice.migration;

import java.util.Map;
import java.util.Properties;

import liquibase.integration.spring.SpringLiquibase;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Gives Liquibase's own connection the pool's driver properties. With Liquibase credentials of its own
 * ({@code spring.liquibase.user}, as prod always sets) Boot opens it through a plain driver data source that knows
 * nothing of {@code spring.datasource.hikari.data-source-properties}: without this, the migration's session would lose
 * the release's connection name and the driver settings the service relies on.
 */
class LiquibaseDriverProperties implements BeanPostProcessor, Ordered {

	private static final String DRIVER_PROPERTIES = "spring.datasource.hikari.data-source-properties";

	private final Environment environment;

	LiquibaseDriverProperties(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof SpringLiquibase liquibase
				&& liquibase.getDataSource() instanceof SimpleDriverDataSource driver) {
			Map<String, String> configured = Binder.get(this.environment)
				.bind(DRIVER_PROPERTIES, Bindable.mapOf(String.class, String.class))
				.orElse(Map.of());
			Properties properties = new Properties();
			if (driver.getConnectionProperties() != null) {
				properties.putAll(driver.getConnectionProperties());
			}
			configured.forEach(properties::putIfAbsent);
			driver.setConnectionProperties(properties);
		}
		return bean;
	}

}
