package com.usersservice.migration.observability;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * What the migration at this boot did: filled in by {@link MigrationObserver}, {@link ChangesetTimingListener} and
 * {@link TimedLockService}, read by {@link MigrationMetrics}. Values that are not known yet are NaN, so a scrape never
 * reports a made-up zero.
 */
final class MigrationStatistics {

	private final AtomicLong applied = new AtomicLong();

	private double pending = Double.NaN;

	private DoubleSupplier pendingCounter;

	private volatile double durationSeconds = Double.NaN;

	private volatile double lockWaitSeconds = Double.NaN;

	void changesetApplied() {
		this.applied.incrementAndGet();
	}

	/** Counting reads the changelog; it waits for the first reader so that it never slows the start-up. */
	synchronized void pendingCountedBy(DoubleSupplier counter) {
		this.pendingCounter = counter;
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

	synchronized double pending() {
		if (this.pendingCounter != null) {
			this.pending = this.pendingCounter.getAsDouble();
			this.pendingCounter = null;
		}
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
