package com.usersservice.migration;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the service does with the changelog when it starts: {@code MIGRATION_MODE}. */
enum MigrationMode {

	/** Apply pending changesets, then serve. */
	APPLY("apply", true),

	/** Change nothing; refuse to start unless the database matches this build exactly. */
	VALIDATE("validate", true),

	/** Apply pending changesets and exit, without a web server. */
	MIGRATE_ONLY("migrate-only", false),

	/** Change nothing; print the changeset status and the schema drift, then exit. */
	DRIFT_REPORT("drift-report", false);

	static final String PROPERTY = "users.migration.mode";

	private final String value;

	private final boolean serves;

	MigrationMode(String value, boolean serves) {
		this.value = value;
		this.serves = serves;
	}

	String value() {
		return this.value;
	}

	/** Whether the service stays up and serves HTTP after the changelog step. */
	boolean serves() {
		return this.serves;
	}

	boolean applies() {
		return this == APPLY || this == MIGRATE_ONLY;
	}

	static MigrationMode of(String value) {
		String wanted = (value != null) ? value.trim().toLowerCase(Locale.ROOT) : "";
		if (wanted.isEmpty()) {
			return APPLY;
		}
		for (MigrationMode mode : values()) {
			if (mode.value.equals(wanted)) {
				return mode;
			}
		}
		throw new MigrationRefusedException("Unknown MIGRATION_MODE '" + value + "'",
				"Set MIGRATION_MODE to one of " + Arrays.stream(values())
					.map(MigrationMode::value)
					.collect(Collectors.joining(", ")) + ".");
	}

}
