package com.usersservice.migration;

/** What the service does with the changelog when it starts: {@code MIGRATION_MODE}. */
public enum MigrationMode {

	/** Apply pending changesets, then serve. */
	APPLY("apply", true),

	/** Change nothing; refuse to start unless the database matches this build exactly. */
	VALIDATE("validate", true),

	/** Apply pending changesets and exit, without a web server. */
	MIGRATE_ONLY("migrate-only", false),

	/** Change nothing; print the changeset status and the schema drift, then exit. */
	DRIFT_REPORT("drift-report", false),

	/** Serve at once, live but not ready; apply pending changesets, then become ready. */
	BACKGROUND("background", true),

	/**
	 * The post-deploy step: apply only the changesets labelled contract and exit, without a web server; refused while
	 * a session of an older release is connected.
	 */
	CONTRACT("contract", false);

	private final String value;

	private final boolean serves;

	MigrationMode(String value, boolean serves) {
		this.value = value;
		this.serves = serves;
	}

	/** The name an operator writes in {@code MIGRATION_MODE}. */
	public String value() {
		return this.value;
	}

	/** Whether the service stays up and serves HTTP after the changelog step. */
	public boolean serves() {
		return this.serves;
	}

	/** Whether the mode applies pending changesets (other than those labelled contract). */
	public boolean applies() {
		return this == APPLY || this == MIGRATE_ONLY || this == BACKGROUND;
	}

}
