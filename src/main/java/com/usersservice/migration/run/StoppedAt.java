package com.usersservice.migration.run;

import java.time.Duration;
import java.util.Locale;

import com.usersservice.migration.failure.MigrationRefusedException;

/**
 * Where an interrupted run was when it was told to stop, and what that means for the database: the report an operator
 * reads, as one log line and as Boot's failure report.
 */
record StoppedAt(Interruption why, RunPhase phase, String changeset) {

	/** For the line logged at the moment of the interruption. */
	String where() {
		if (this.changeset != null) {
			return "during changeset " + this.changeset;
		}
		return (this.phase == RunPhase.BETWEEN) ? "between two changesets" : "before any changeset started";
	}

	/** What stopping did, once the run has ended: {@code took} is how long it ran. */
	MigrationRefusedException failure(Duration deadline, Duration took, Exception cause) {
		String what;
		String next;
		if (this.changeset != null) {
			what = "during changeset " + this.changeset + ": its statement was cancelled on the database and the "
					+ "changeset rolled back; the migration lock is released";
			next = "The next start applies changeset " + this.changeset + " from the beginning.";
		}
		else if (this.phase == RunPhase.BETWEEN) {
			what = "between two changesets: those before stay applied, the next did not start; the migration lock "
					+ "is released";
			next = "The next start applies the remaining changesets.";
		}
		else {
			what = "before any changeset started (waiting for the migration lock or reading the history): nothing "
					+ "was applied; its database session is closed";
			next = "The next start migrates from where the database is.";
		}
		String message = this.why.reason(deadline) + ": the migration stopped after " + describe(took) + ", " + what;
		String action = (this.why == Interruption.DEADLINE) ? next + " Give the migration more time "
				+ "(MIGRATION_DEADLINE, for example 2h), or apply it apart from serving (MIGRATION_MODE=migrate-only in "
				+ "a Job). On MySQL/MariaDB the DDL statements the changeset had already run stay (docs/operations.md, "
				+ "\"A changeset fails\")." : next;
		return new MigrationRefusedException(message, action, cause);
	}

	/** A duration as an operator writes it: {@code 30m}, {@code 5s}, {@code 6.5s}, {@code 800ms}. */
	static String describe(Duration duration) {
		long millis = duration.toMillis();
		if (millis >= 3_600_000 && millis % 3_600_000 == 0) {
			return (millis / 3_600_000) + "h";
		}
		if (millis >= 60_000 && millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		if (millis >= 1000 && millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return (millis >= 1000) ? String.format(Locale.ROOT, "%.1fs", millis / 1000.0) : millis + "ms";
	}

}
