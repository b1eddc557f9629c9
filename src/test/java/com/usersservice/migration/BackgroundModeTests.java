package com.usersservice.migration;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.usersservice.AppProcess;
import com.usersservice.Http;
import com.usersservice.ProdEnvironment;
import com.usersservice.TestPostgres;
import com.usersservice.UsersServiceApplication;
import com.usersservice.migration.run.MigrationProgress;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
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
 * failing changeset fails the start with the report apply mode gives. While a changeset runs the service is live, not
 * ready, says which changeset runs, and the API answers 503. The packaged jar, SIGTERM and the timeline are
 * BackgroundMigrationIT's.
 */
@ExtendWith(OutputCaptureExtension.class)
class BackgroundModeTests {

	private static final String BACKGROUND = "users.migration.mode=background";

	private static final String SLOW = "slow-1 (db/it/slow-changelog.yaml)";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void migratesAnEmptyDatabaseAfterTheContextStartedAndThenServes() {
		String url = TestPostgres.createDatabase("background");
		Database database = new Database(url, TestPostgres.username(), TestPostgres.password());
		try (ConfigurableApplicationContext context = Apps.start(url, BACKGROUND)) {
			assertThat(context.getBean(MigrationProgress.class).state()).isEqualTo(MigrationProgress.State.DONE);
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(database.column("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
				.containsExactly("20261130-0001-1", "20261130-0002-1", "20261203-0001-1", "20261203-0001-2");
			String port = context.getEnvironment().getProperty("local.server.port");
			assertThat(Http.get("http://localhost:" + port + "/users").statusCode()).isEqualTo(200);
			assertThat(Http.get("http://localhost:" + port + "/actuator/health/readiness").statusCode())
				.isEqualTo(200);
		}
	}

	@Test
	void whileAChangesetRunsTheServiceIsLiveNotReadyAndTheApiAnswers503() throws Exception {
		String url = TestPostgres.createDatabase("background_http");
		Database database = new Database(url, TestPostgres.username(), TestPostgres.password());
		int port = ProdEnvironment.freePort();
		// Apps.start would return only once migrated, and the port must be known before: a fixed free one.
		CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture
			.supplyAsync(() -> SpringApplication.run(UsersServiceApplication.class, "--spring.profiles.active=test",
					"--spring.datasource.url=" + url, "--spring.datasource.username=" + TestPostgres.username(),
					"--spring.datasource.password=" + TestPostgres.password(), "--server.port=" + port,
					"--spring.main.banner-mode=off", "--" + BACKGROUND,
					"--spring.liquibase.change-log=classpath:db/it/slow-changelog.yaml",
					"--spring.liquibase.parameters.sleep_seconds=8"));
		String base = "http://localhost:" + port;
		awaitSleeping(database, started);

		assertThat(Http.get(base + "/actuator/health/liveness").statusCode()).isEqualTo(200);
		HttpResponse<String> readiness = Http.get(base + "/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(503);
		JsonNode migrations = json.readTree(readiness.body()).path("components").path("migrations");
		assertThat(migrations.path("status").asString()).isEqualTo("DOWN");
		assertThat(migrations.path("details").path("migrating").asBoolean()).isTrue();
		assertThat(migrations.path("details").path("changeset").asString()).isEqualTo(SLOW);
		assertThat(json.readTree(readiness.body()).path("components").path("readinessState").path("status")
			.asString()).as("Boot's readiness state").isEqualTo("OUT_OF_SERVICE");

		HttpResponse<String> users = Http.get(base + "/users");
		assertThat(users.statusCode()).isEqualTo(503);
		assertThat(Http.contentType(users)).isEqualTo("application/problem+json");
		assertThat(users.headers().firstValue("Retry-After")).hasValue("10");
		JsonNode problem = json.readTree(users.body());
		assertThat(problem.path("status").asInt()).isEqualTo(503);
		assertThat(problem.path("instance").asString()).isEqualTo("/users");
		assertThat(Http.get(base + "/users/1").statusCode()).isEqualTo(503);

		JsonNode running = json.readTree(Http.get(base + "/actuator/migrations").body()).path("running");
		assertThat(running.path("changeset").asString()).isEqualTo(SLOW);
		assertThat(Instant.parse(running.path("since").asString())).isBefore(Instant.now());

		try (ConfigurableApplicationContext context = started.get(2, TimeUnit.MINUTES)) {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("users.migration.duration").timeGauge().value(TimeUnit.SECONDS))
				.as("the run is timed where it happens, after the start-up").isGreaterThanOrEqualTo(8);
			assertThat(meters.get("users.migration.changesets.pending").gauge().value()).isZero();
			assertThat(Http.get(base + "/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(Http.get(base + "/users").statusCode()).isEqualTo(200);
			assertThat(json.readTree(Http.get(base + "/actuator/migrations").body()).has("running")).isFalse();
		}
	}

	private static void awaitSleeping(Database database, CompletableFuture<?> started) {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (database.single("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
				+ " AND state = 'active' AND query LIKE 'select pg_sleep%'") == null) {
			assertThat(started).as("the service started without running the slow changeset").isNotDone();
			assertThat(Instant.now()).as("the slow changeset never started").isBefore(deadline);
			AppProcess.pause(Duration.ofMillis(100));
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
