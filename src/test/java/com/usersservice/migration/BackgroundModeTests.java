package com.usersservice.migration;

import com.usersservice.Http;
import com.usersservice.TestPostgres;
import com.usersservice.migration.run.MigrationProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code MIGRATION_MODE=background} in this JVM: the context starts on a database without any table (Hibernate does not
 * look at the schema before the migration), the migration runs after it, Hibernate's validator checks the result, and a
 * failing changeset fails the start with the report apply mode gives. The HTTP side while a changeset runs (liveness,
 * readiness, 503s) is BackgroundMigrationIT's.
 */
@ExtendWith(OutputCaptureExtension.class)
class BackgroundModeTests {

	private static final String BACKGROUND = "users.migration.mode=background";

	@Test
	void migratesAnEmptyDatabaseAfterTheContextStartedAndThenServes() {
		String url = TestPostgres.createDatabase("background");
		Database database = new Database(url, TestPostgres.username(), TestPostgres.password());
		try (ConfigurableApplicationContext context = Apps.start(url, BACKGROUND)) {
			assertThat(context.getBean(MigrationProgress.class).state()).isEqualTo(MigrationProgress.State.DONE);
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(database.column("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
				.containsExactly("20261130-0001-1", "20261130-0002-1");
			String port = context.getEnvironment().getProperty("local.server.port");
			assertThat(Http.get("http://localhost:" + port + "/users").statusCode()).isEqualTo(200);
			assertThat(Http.get("http://localhost:" + port + "/actuator/health/readiness").statusCode())
				.isEqualTo(200);
		}
	}

	@Test
	void validatesTheEntitiesOnceTheSchemaIsCurrent(CapturedOutput output) {
		String url = TestPostgres.createDatabase("background_mismatch");
		assertThatException().isThrownBy(() -> Apps.start(url, BACKGROUND,
				"spring.liquibase.change-log=classpath:db/fixtures/entity-mismatch-changelog.yaml",
				"spring.main.web-application-type=none"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The schema does not match the entities after the migration: ")
			.contains("missing column [created_at] in table [users]");
	}

	@Test
	void aFailingChangesetFailsTheStartWithTheReportOfApplyMode(CapturedOutput output) {
		String url = TestPostgres.createDatabase("background_failing");
		Database database = new Database(url, TestPostgres.username(), TestPostgres.password());
		assertThatException().isThrownBy(() -> Apps.start(url, BACKGROUND,
				"spring.liquibase.change-log=classpath:db/it/failing-changelog.yaml",
				"spring.liquibase.parameters.second_statement=" + FailingChangesetTests.FAILING,
				"spring.main.web-application-type=none"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Migration failed at changeset failing-1 (db/it/failing-changelog.yaml): "
					+ "ERROR: relation \"no_such_table\" does not exist")
			.contains("on PostgreSQL its changes were rolled back");
		assertThat(database.tableExists("half_done")).isFalse();
	}

}
