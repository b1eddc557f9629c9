package com.usersservice.migration.run;

import java.time.Duration;

/** Why a {@link MigrationRun} was stopped before it finished. */
public enum Interruption {

	/** {@code MIGRATION_DEADLINE} passed. */
	DEADLINE,

	/** The service is stopping (SIGTERM). */
	SHUTDOWN;

	/** The first words of every line about the stop. */
	String reason(Duration deadline) {
		return (this == DEADLINE) ? "MIGRATION_DEADLINE of " + StoppedAt.describe(deadline) + " passed"
				: "The service is stopping";
	}

}
