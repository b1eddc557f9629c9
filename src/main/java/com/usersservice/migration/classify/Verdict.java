package com.usersservice.migration.classify;

/** What a change means for the people who must approve it. */
public enum Verdict {

	/** Adds or reshapes without losing anything: nothing to approve. */
	SAFE,

	/** The change model cannot see what it does (raw SQL, custom code): the script header lists it for a human. */
	REVIEW,

	/**
	 * Destroys data or schema: the build lint and the prod guard refuse it unless the changeset carries
	 * {@value ChangeLabels#APPROVED_DESTRUCTIVE}; the script header lists it as destructive.
	 */
	DESTRUCTIVE

}
