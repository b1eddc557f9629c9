package com.usersservice.migration;

import java.time.Duration;

import com.usersservice.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code MIGRATION_DEADLINE} in apply mode: a changeset that would sleep for two minutes is cancelled on the database
 * once the deadline passes, rolled back, and the start fails naming it and the deadline. The same in background mode,
 * and SIGTERM, are BackgroundMigrationIT's (they need a process of their own).
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationDeadlineTests {

	@Test
	void theDeadlineCancelsTheRunningChangesetAndFailsTheStart(CapturedOutput output) {
		String url = TestPostgres.createDatabase("deadline");
		Database database = new Database(url, TestPostgres.username(), TestPostgres.password());
		long start = System.nanoTime();
		assertThatException().isThrownBy(() -> Apps.start(url, "spring.main.web-application-type=none",
				"spring.liquibase.change-log=classpath:db/it/slow-changelog.yaml",
				"spring.liquibase.parameters.sleep_seconds=120", "users.migration.deadline=10s"));
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(took).as("the two-minute statement was cancelled, not waited for").isLessThan(Duration.ofSeconds(90));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.containsPattern("MIGRATION_DEADLINE of 10s passed: the migration stopped after 1\\d(\\.\\d)?s, during "
					+ "changeset slow-1 \\(db/it/slow-changelog.yaml\\): its statement was cancelled on the database")
			.contains("The next start applies changeset slow-1 (db/it/slow-changelog.yaml) from the beginning.");
		assertThat(database.single("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
				+ " AND state = 'active' AND query LIKE 'select pg_sleep%'")).isEqualTo("0");
		assertThat(database.single("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
				+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).isEqualTo("0");
		assertThat(database.column("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
			.containsExactly("20261130-0001-1", "20261130-0002-1", "20261203-0001-1", "20261203-0001-2");
		assertThat(database.tableExists("slow_marker")).as("the changeset's first statement rolled back").isFalse();
	}

}
