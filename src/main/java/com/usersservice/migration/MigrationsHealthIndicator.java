package com.usersservice.migration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code migrations} health contributor, part of readiness. In validate mode the service is not ready while the
 * database and this build disagree (another deploy applied changesets this build does not know, say); in the other
 * modes the changeset status is reported without taking the instance out of service.
 */
class MigrationsHealthIndicator extends AbstractHealthIndicator {

	private final MigrationReport report;

	private final MigrationMode mode;

	MigrationsHealthIndicator(MigrationReport report, MigrationMode mode) {
		super("Migration status check failed");
		this.report = report;
		this.mode = mode;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MigrationStatus status = this.report.status();
		builder.withDetail("mode", this.mode.value())
			.withDetail("applied", status.applied())
			.withDetail("pending", status.pending())
			.withDetail("unknown", status.unknown())
			.withDetail("checksumMismatches", status.checksumMismatches());
		if (this.mode == MigrationMode.VALIDATE && !status.current()) {
			builder.down();
		}
		else {
			builder.up();
		}
	}

}
