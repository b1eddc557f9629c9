package com.usersservice.migration;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

	// static: a post-processor must exist before the beans it post-processes, this configuration included.
	@Bean
	static MigrationGate migrationGate(Environment environment) {
		return new MigrationGate(environment);
	}

	@Bean
	MigrationReport migrationReport(DataSource dataSource, ObjectProvider<SpringLiquibase> liquibase,
			Environment environment) {
		StartupFastPath fastPath = MigrationSettings.from(environment).fastPathEnabled()
				? StartupFastPath.fromClassPath(MigrationConfiguration.class.getClassLoader()) : null;
		return new MigrationReport(dataSource, () -> {
			SpringLiquibase bean = liquibase.getIfAvailable();
			return (bean != null) ? new ChangelogInspector(bean) : null;
		}, fastPath);
	}

	@Bean
	MigrationsEndpoint migrationsEndpoint(MigrationReport report) {
		return new MigrationsEndpoint(report);
	}

	@Bean
	MigrationsHealthIndicator migrationsHealthIndicator(MigrationReport report, Environment environment) {
		return new MigrationsHealthIndicator(report, MigrationSettings.from(environment).mode(),
				environment.getProperty("users.migration.readiness.down-when-unknown", Boolean.class, false));
	}

	@Bean
	@ConditionalOnProperty(name = MigrationMode.PROPERTY, havingValue = "drift-report")
	DriftReport driftReport(MigrationReport report) {
		return new DriftReport(report, System.out);
	}

}
