package com.usersservice.migration.run;

/** Where a {@link MigrationRun} is, which decides how it can be stopped. */
enum RunPhase {

	/** Liquibase has no connection yet: nothing to stop on the database. */
	CONNECTING,

	/** Connected, no changeset started: parsing, waiting for the lock, reading the history. Nothing to roll back. */
	PREPARING,

	/** A change of a changeset executes: its statement may be cancelled, and the changeset rolls back. */
	IN_CHANGE,

	/** Between changes or changesets: committing, recording the history. Never cancelled here. */
	BETWEEN

}
