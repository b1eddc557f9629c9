package com.usersservice.migration.observability;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The migration meters. In Prometheus: {@code users_migration_changesets_applied_total},
 * {@code users_migration_changesets_pending}, {@code users_migration_duration_seconds},
 * {@code users_migration_lock_wait_seconds}.
 */
class MigrationMetrics implements MeterBinder {

	static final String APPLIED = "users.migration.changesets.applied";

	static final String PENDING = "users.migration.changesets.pending";

	static final String DURATION = "users.migration.duration";

	static final String LOCK_WAIT = "users.migration.lock.wait";

	private final MigrationStatistics statistics;

	MigrationMetrics(MigrationStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder(APPLIED, this.statistics, MigrationStatistics::applied)
			.description("Changesets applied since this instance started")
			.register(registry);
		Gauge.builder(PENDING, this.statistics, MigrationStatistics::pending)
			.description("Changesets of this build not yet applied to the database, counted after the migration step")
			.register(registry);
		TimeGauge.builder(DURATION, this.statistics, TimeUnit.SECONDS, MigrationStatistics::durationSeconds)
			.description("Duration of the last migration run: lock, checks and changesets")
			.register(registry);
		TimeGauge.builder(LOCK_WAIT, this.statistics, TimeUnit.SECONDS, MigrationStatistics::lockWaitSeconds)
			.description("Time the last migration run waited for the changelog lock")
			.register(registry);
	}

}
