package com.usersservice.migration.compat;

import java.util.List;

import liquibase.changelog.ChangeSet;

import com.usersservice.migration.changelog.ChangesetKey;

/**
 * A changeset the previous release cannot run against, with what in it breaks that release (one reason per change).
 * It is refused unless it carries the label contract.
 */
public record Incompatibility(ChangeSet changeSet, List<String> reasons) {

	public Incompatibility {
		reasons = List.copyOf(reasons);
	}

	/** {@code id (file) reason; reason}, as the refusal lists it. */
	public String describe() {
		return ChangesetKey.of(this.changeSet).label() + " " + String.join("; ", this.reasons);
	}

}
