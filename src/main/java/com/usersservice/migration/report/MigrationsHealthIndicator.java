package com.usersservice.migration.report;

import com.usersservice.migration.changelog.MigrationStatus;
import com.usersservice.migration.run.MigrationProgress;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code migrations} health contributor, part of readiness. In validate mode the instance is not ready while a
 * changeset of this build is pending or was edited after it ran. A changeset unknown to this build (the database is
 * ahead) takes it out of service only with {@code users.migration.readiness.down-when-unknown=true}: in a normal
 * release the migration Job applies the new build's changesets while the old pods still serve, and they must keep
 * serving until the new ones are ready. In background mode it is down while this process migrates, naming the
 * changeset that runs. In the other modes the status is reported without going down.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

	private final MigrationReport report;

	private final String mode;

	private final boolean requiresCurrent;

	private final boolean downWhenUnknown;

	private final MigrationProgress progress;

	/**
	 * {@code mode}: the run mode's name, shown in the details; {@code requiresCurrent}: whether the instance is out
	 * of service while the database does not match the build (validate mode); {@code progress}: this process's own
	 * migration, which keeps the instance out of service while it is due or running (background mode).
	 */
	public MigrationsHealthIndicator(MigrationReport report, String mode, boolean requiresCurrent,
			boolean downWhenUnknown, MigrationProgress progress) {
		super("Migration status check failed");
		this.report = report;
		this.mode = mode;
		this.requiresCurrent = requiresCurrent;
		this.downWhenUnknown = downWhenUnknown;
		this.progress = progress;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		// While this process migrates the answer comes from memory: a probe never reads the history under a migration.
		if (this.progress.schemaPending()) {
			builder.down().withDetail("mode", this.mode);
			this.progress.running().ifPresentOrElse((running) -> {
				builder.withDetail("migrating", true);
				if (running.changeset() != null) {
					builder.withDetail("changeset", running.changeset());
				}
				builder.withDetail("since", running.since().toString());
			}, () -> builder.withDetail("failed", String.valueOf(this.progress.failure())));
			return;
		}
		if (!this.report.liquibaseEnabled()) {
			builder.up().withDetail("liquibase", "disabled");
			return;
		}
		MigrationStatus status = this.report.status();
		builder.withDetail("mode", this.mode)
			.withDetail("applied", status.applied())
			.withDetail("pending", status.pending())
			.withDetail("unknown", status.unknown())
			.withDetail("checksumMismatches", status.checksumMismatches());
		boolean mismatch = !status.pending().isEmpty() || !status.checksumMismatches().isEmpty()
				|| (this.downWhenUnknown && !status.unknown().isEmpty());
		if (this.requiresCurrent && mismatch) {
			builder.down();
		}
		else {
			builder.up();
		}
	}

}
