package com.usersservice.migration.observability;

import java.util.Map;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.usersservice.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** The observer on a Liquibase bean that does not run: everything is pending, nothing applied, nothing waited for. */
class MigrationObserverTests {

	@Test
	void countsPendingChangesetsWhenTheMigrationStepAppliesNothing() throws Exception {
		DataSource dataSource = new DriverManagerDataSource(TestPostgres.createDatabase("migration_pending"),
				TestPostgres.username(), TestPostgres.password());
		MigrationStatistics statistics = observe(dataSource, false);
		assertThat(statistics.pending()).isEqualTo(4);
		assertThat(statistics.applied()).isZero();
		assertThat(statistics.lockWaitSeconds()).isNaN();

		MigrationStatistics applied = observe(dataSource, true);
		assertThat(applied.applied()).isEqualTo(4);
		assertThat(applied.pending()).isZero();
		assertThat(new JdbcTemplate(dataSource).queryForObject("select count(*) from databasechangelog", Long.class))
			.isEqualTo(4);
	}

	private static MigrationStatistics observe(DataSource dataSource, boolean run) throws Exception {
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(dataSource);
		liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
		liquibase.setContexts("test");
		liquibase.setAnalyticsEnabled(false);
		liquibase.setResourceLoader(new DefaultResourceLoader());
		liquibase.setShouldRun(run);
		MigrationStatistics statistics = new MigrationStatistics();
		MigrationObserver observer = new MigrationObserver(statistics,
				new StaticListableBeanFactory(Map.of("dataSource", dataSource)).getBeanProvider(DataSource.class));
		observer.postProcessBeforeInitialization(liquibase, "liquibase");
		liquibase.afterPropertiesSet();
		observer.postProcessAfterInitialization(liquibase, "liquibase");
		assertThat(statistics.durationSeconds()).isPositive();
		return statistics;
	}

}
