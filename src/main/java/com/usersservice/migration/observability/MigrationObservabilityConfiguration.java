package com.usersservice.migration.observability;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Metrics and logs of the migration step; see {@link MigrationMetrics} for the meter names. */
@Configuration(proxyBeanMethods = false)
class MigrationObservabilityConfiguration {

	// Static: the observer must be in place before the Liquibase bean initializes, long before the meter registry.
	@Bean
	static MigrationObserver migrationObserver(ObjectProvider<DataSource> dataSource) {
		return new MigrationObserver(new MigrationStatistics(), dataSource);
	}

	@Bean
	MigrationMetrics migrationMetrics(MigrationObserver observer) {
		return new MigrationMetrics(observer.statistics());
	}

}
