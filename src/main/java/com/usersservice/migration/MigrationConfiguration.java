package com.usersservice.migration;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;

import com.usersservice.migration.changelog.ChangelogInspector;
import com.usersservice.migration.fastpath.StartupFastPath;
import com.usersservice.migration.report.DriftReport;
import com.usersservice.migration.report.MigrationReport;
import com.usersservice.migration.report.MigrationsEndpoint;
import com.usersservice.migration.report.MigrationsHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Wires the migration step: the settings, the gate in front of Boot's Liquibase run, and the reports. Each question
 * is answered in one place: the mode and every other setting by {@link MigrationSettings}, whether the schema is
 * provably current by the one {@link StartupFastPath} of this start (the changelog is hashed once).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MigrationSettings.class)
class MigrationConfiguration {

	// static: a post-processor must exist before the beans it post-processes, this configuration included. It takes
	// providers, so the settings and the fast path are made (and fully post-processed) only when Liquibase is.
	@Bean
	static MigrationGate migrationGate(ObjectProvider<MigrationSettings> settings,
			ObjectProvider<StartupFastPath> fastPath) {
		return new MigrationGate(settings, fastPath);
	}

	@Bean
	StartupFastPath startupFastPath(MigrationSettings settings, ResourceLoader resourceLoader) {
		return settings.fastPath().enabled() ? StartupFastPath.fromClassPath(resourceLoader.getClassLoader())
				: StartupFastPath.disabled();
	}

	@Bean
	MigrationReport migrationReport(DataSource dataSource, ObjectProvider<SpringLiquibase> liquibase,
			MigrationSettings settings, StartupFastPath fastPath) {
		return new MigrationReport(dataSource, () -> {
			SpringLiquibase bean = liquibase.getIfAvailable();
			return (bean != null) ? new ChangelogInspector(bean) : null;
		}, settings.fastPath().enabled() ? fastPath : null);
	}

	@Bean
	MigrationsEndpoint migrationsEndpoint(MigrationReport report) {
		return new MigrationsEndpoint(report);
	}

	@Bean
	MigrationsHealthIndicator migrationsHealthIndicator(MigrationReport report, MigrationSettings settings) {
		return new MigrationsHealthIndicator(report, settings.mode().value(),
				settings.mode() == MigrationMode.VALIDATE, settings.readiness().downWhenUnknown());
	}

	@Bean
	DriftReport driftReport(MigrationReport report, MigrationSettings settings) {
		return new DriftReport(report, System.out, settings.mode() == MigrationMode.DRIFT_REPORT);
	}

}
