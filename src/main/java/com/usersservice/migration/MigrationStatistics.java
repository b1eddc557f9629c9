package com.usersservice.migration;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the migration at this boot did: filled in by {@link MigrationObserver}, {@link ChangesetTimingListener} and
 * {@link TimedLockService}, read by {@link MigrationMetrics}. Values that are not known yet are NaN, so a scrape never
 * reports a made-up zero.
 */
final class MigrationStatistics {

	private final AtomicLong applied = new AtomicLong();

	private volatile double pending = Double.NaN;

	private volatile double durationSeconds = Double.NaN;

	private volatile double lockWaitSeconds = Double.NaN;

	void changesetApplied() {
		this.applied.incrementAndGet();
	}

	void pending(int count) {
		this.pending = count;
	}

	void duration(Duration duration) {
		this.durationSeconds = seconds(duration);
	}

	void lockWait(Duration wait) {
		this.lockWaitSeconds = seconds(wait);
	}

	long applied() {
		return this.applied.get();
	}

	double pending() {
		return this.pending;
	}

	double durationSeconds() {
		return this.durationSeconds;
	}

	double lockWaitSeconds() {
		return this.lockWaitSeconds;
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

}
