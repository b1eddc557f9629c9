package com.usersservice.migration.classify;

import liquibase.changelog.ChangeSet;

/** The labels with which a reviewed changeset says its author knows what it does. */
public final class ChangeLabels {

	/** A destructive changeset that was approved in review: the guard and the lint let it through. */
	public static final String APPROVED_DESTRUCTIVE = "approved-destructive";

	/** A changeset that blocks writes on a large table and was approved in review: the lint lets it through. */
	public static final String APPROVED_BLOCKING = "approved-blocking";

	/**
	 * A changeset the previous release cannot run against (it drops or renames what that release maps, or constrains
	 * what it writes): applied only by the post-deploy step, MIGRATION_MODE=contract, once no older release is
	 * connected; every other mode leaves it pending.
	 */
	public static final String CONTRACT = "contract";

	private ChangeLabels() {
	}

	public static boolean has(ChangeSet changeSet, String wanted) {
		return changeSet.getLabels() != null && changeSet.getLabels()
			.getLabels()
			.stream()
			.anyMatch((label) -> label.trim().equalsIgnoreCase(wanted));
	}

}
