package com.usersservice.migration.classify;

import java.util.List;

import liquibase.changelog.ChangeSet;

/** A changeset as {@link ChangeClassifier} judged it: a verdict per change, and what in it blocks writes. */
public record Classification(ChangeSet changeSet, List<ChangeVerdict> changes, List<BlockingFinding> blocking) {

	public Classification {
		changes = List.copyOf(changes);
		blocking = List.copyOf(blocking);
	}

	/** The changes that destroy data or schema. */
	public List<ChangeVerdict> destructive() {
		return this.changes.stream().filter((change) -> change.verdict() == Verdict.DESTRUCTIVE).toList();
	}

	/** What makes the changeset destructive, one reason per change; empty when nothing does. */
	public List<String> destructiveReasons() {
		return destructive().stream().map(ChangeVerdict::reason).toList();
	}

	/** Destructive and not labelled {@value ChangeLabels#APPROVED_DESTRUCTIVE}: refused by the lint and the guard. */
	public boolean needsApproval() {
		return !destructive().isEmpty() && !ChangeLabels.has(this.changeSet, ChangeLabels.APPROVED_DESTRUCTIVE);
	}

	/** Whether the blocking changes of this changeset were approved in review. */
	public boolean blockingApproved() {
		return ChangeLabels.has(this.changeSet, ChangeLabels.APPROVED_BLOCKING);
	}

}
