package com.usersservice.migration;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;
import liquibase.integration.spring.SpringLiquibase;
import tools.jackson.databind.json.JsonMapper;

import com.usersservice.migration.changelog.ChangelogInspector;
import com.usersservice.migration.fastpath.StartupFastPath;
import com.usersservice.migration.observability.MigrationObserver;
import com.usersservice.migration.report.DriftReport;
import com.usersservice.migration.report.MigrationReport;
import com.usersservice.migration.report.MigrationsEndpoint;
import com.usersservice.migration.report.MigrationsHealthIndicator;
import com.usersservice.migration.run.MigrationProgress;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Wires the migration step: the settings, the gate in front of Boot's Liquibase run, the guarded run every applying
 * mode uses, background mode's runner and API gate, and the reports. Each question is answered in one place: the mode
 * and every other setting by {@link MigrationSettings}, whether the schema is provably current by the one
 * {@link StartupFastPath} of this start (the changelog is hashed once), where this process's migration stands by the
 * one {@link MigrationProgress}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MigrationSettings.class)
class MigrationConfiguration {

	// static: a post-processor must exist before the beans it post-processes, this configuration included. It takes
	// providers, so the settings and the fast path are made (and fully post-processed) only when Liquibase is.
	@Bean
	static MigrationGate migrationGate(ObjectProvider<MigrationSettings> settings,
			ObjectProvider<StartupFastPath> fastPath, ObjectProvider<GuardedMigration> migration,
			ObjectProvider<MigrationProgress> progress, ObjectProvider<MigrationObserver> observer,
			ObjectProvider<ContractStep> contractStep) {
		return new MigrationGate(settings, fastPath, migration, progress, observer, contractStep);
	}

	@Bean
	ContractStep contractStep(GuardedMigration migration) {
		return new ContractStep(migration);
	}

	@Bean
	static LiquibaseDriverProperties liquibaseDriverProperties(Environment environment) {
		return new LiquibaseDriverProperties(environment);
	}

	@Bean
	MigrationProgress migrationProgress() {
		return new MigrationProgress();
	}

	@Bean
	GuardedMigration guardedMigration(MigrationSettings settings, MigrationProgress progress) {
		return new GuardedMigration(settings, progress);
	}

	@Bean
	BackgroundMigration backgroundMigration(MigrationSettings settings, ApplicationContext context,
			GuardedMigration migration, MigrationProgress progress, ObjectProvider<SpringLiquibase> liquibase,
			ObjectProvider<EntityManagerFactory> entities, ObjectProvider<MigrationObserver> observer) {
		return new BackgroundMigration(settings.mode() == MigrationMode.BACKGROUND, context, migration, progress,
				liquibase, entities, observer);
	}

	/**
	 * Background mode only: the API answers 503 until the schema is current. In front of Spring Security, so that a
	 * client learns to retry rather than to authenticate; behind the request observation, so the 503s are counted.
	 */
	@Bean
	FilterRegistrationBean<MigrationInProgressFilter> migrationInProgressFilter(MigrationSettings settings,
			MigrationProgress progress, ObjectProvider<JsonMapper> json) {
		boolean background = settings.mode() == MigrationMode.BACKGROUND;
		FilterRegistrationBean<MigrationInProgressFilter> registration = new FilterRegistrationBean<>(
				new MigrationInProgressFilter(progress, background ? json.getObject() : null));
		// The API's paths (the contract's /users); actuator and the API description keep answering.
		registration.addUrlPatterns("/users", "/users/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.setEnabled(background);
		return registration;
	}

	@Bean
	StartupFastPath startupFastPath(MigrationSettings settings, ResourceLoader resourceLoader) {
		return settings.fastPath().enabled() ? StartupFastPath.fromClassPath(resourceLoader.getClassLoader())
				: StartupFastPath.disabled();
	}

	@Bean
	MigrationReport migrationReport(DataSource dataSource, ObjectProvider<SpringLiquibase> liquibase,
			MigrationSettings settings, StartupFastPath fastPath, MigrationProgress progress) {
		return new MigrationReport(dataSource, () -> {
			SpringLiquibase bean = liquibase.getIfAvailable();
			return (bean != null) ? new ChangelogInspector(bean) : null;
		}, settings.fastPath().enabled() ? fastPath : null, progress);
	}

	@Bean
	MigrationsEndpoint migrationsEndpoint(MigrationReport report) {
		return new MigrationsEndpoint(report);
	}

	@Bean
	MigrationsHealthIndicator migrationsHealthIndicator(MigrationReport report, MigrationSettings settings,
			MigrationProgress progress) {
		return new MigrationsHealthIndicator(report, settings.mode().value(),
				settings.mode() == MigrationMode.VALIDATE, settings.readiness().downWhenUnknown(), progress);
	}

	@Bean
	DriftReport driftReport(MigrationReport report, MigrationSettings settings) {
		return new DriftReport(report, System.out, settings.mode() == MigrationMode.DRIFT_REPORT);
	}

}
