package com.usersservice.migration.run;

import java.time.Duration;

import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * Where an interrupted run stops, driven through the boundaries Liquibase reports (no database): never between a
 * changeset's last statement and its commit, always at the next change, and the progress says which changeset runs.
 * Cancelling on the database and the deadline are MigrationDeadlineTests' and BackgroundMigrationIT's.
 */
class MigrationRunTests {

	private final MigrationProgress progress = new MigrationProgress();

	private final MigrationRun run = new MigrationRun(new SpringLiquibase(), Duration.ofMinutes(30), this.progress);

	@Test
	void aChangesetInterruptedInsideAChangeFailsWhenTheChangeEndsSoItNeverCommits() {
		this.run.changesetStarting("slow-1 (slow.yaml)");
		this.run.changeStarting();
		this.run.interrupt(Interruption.SHUTDOWN);
		assertThatRuntimeException().isThrownBy(this.run::changeEnded).withMessage("The service is stopping");
	}

	@Test
	void anInterruptionBetweenChangesStopsTheNextChange() {
		this.run.changesetStarting("two-changes (file.yaml)");
		this.run.changeStarting();
		this.run.changeEnded();
		this.run.interrupt(Interruption.DEADLINE);
		assertThatRuntimeException().isThrownBy(this.run::changeStarting)
			.withMessage("MIGRATION_DEADLINE of 30m passed");
	}

	@Test
	void anInterruptionAfterAChangesetLetsItStayAndStopsTheNextOne() {
		this.run.changesetStarting("first (file.yaml)");
		this.run.changeStarting();
		this.run.changeEnded();
		this.run.changesetEnded();
		this.run.interrupt(Interruption.SHUTDOWN);
		assertThatRuntimeException().isThrownBy(() -> this.run.changesetStarting("second (file.yaml)"));
	}

	@Test
	void anUninterruptedRunPassesEveryBoundary() {
		this.run.changesetStarting("first (file.yaml)");
		this.run.changeStarting();
		this.run.changeEnded();
		this.run.changesetEnded();
		this.run.changesetStarting("second (file.yaml)");
		this.run.changeStarting();
		this.run.changeEnded();
	}

	@Test
	void theProgressNamesTheChangesetInProgress() {
		this.progress.started();
		assertThat(this.progress.running()).hasValueSatisfying((running) -> assertThat(running.changeset()).isNull());
		this.run.changesetStarting("slow-1 (slow.yaml)");
		assertThat(this.progress.running()).hasValueSatisfying((running) -> {
			assertThat(running.changeset()).isEqualTo("slow-1 (slow.yaml)");
			assertThat(running.since()).isNotNull();
		});
		this.run.changesetEnded();
		assertThat(this.progress.running()).hasValueSatisfying((running) -> assertThat(running.changeset()).isNull());
		this.progress.finished();
		assertThat(this.progress.running()).isEmpty();
		assertThat(this.progress.schemaPending()).isFalse();
	}

	@Test
	void theReportSaysWhatStoppingDidWherever() {
		Duration deadline = Duration.ofSeconds(5);
		assertThat(new StoppedAt(Interruption.DEADLINE, RunPhase.IN_CHANGE, "slow-1 (slow.yaml)")
			.failure(deadline, Duration.ofMillis(5100), null)
			.getMessage()).isEqualTo("MIGRATION_DEADLINE of 5s passed: the migration stopped after 5.1s, during "
					+ "changeset slow-1 (slow.yaml): its statement was cancelled on the database and the changeset "
					+ "rolled back; the migration lock is released");
		assertThat(new StoppedAt(Interruption.SHUTDOWN, RunPhase.BETWEEN, null)
			.failure(deadline, Duration.ofSeconds(2), null)
			.getMessage()).startsWith("The service is stopping: the migration stopped after 2s, between two changesets");
		assertThat(new StoppedAt(Interruption.SHUTDOWN, RunPhase.PREPARING, null)
			.failure(deadline, Duration.ofMillis(300), null)
			.getMessage()).contains("after 300ms, before any changeset started").contains("nothing was applied");
		assertThat(StoppedAt.describe(Duration.ofMinutes(30))).isEqualTo("30m");
		assertThat(StoppedAt.describe(Duration.ofHours(2))).isEqualTo("2h");
	}

}
