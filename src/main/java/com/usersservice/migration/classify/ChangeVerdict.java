package com.usersservice.migration.classify;

import liquibase.change.Change;

/** One change of a changeset, judged: its verdict and, unless it is safe, why. */
public record ChangeVerdict(Change change, String type, ChangeRule rule, Verdict verdict, String reason) {

	/** Whether the change model cannot see inside it (raw SQL, custom code): a human reads it. */
	public boolean opaque() {
		return this.rule == null || this.rule == ChangeRule.OPAQUE;
	}

}
