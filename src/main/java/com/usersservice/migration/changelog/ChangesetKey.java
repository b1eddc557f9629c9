package com.usersservice.migration.changelog;

import java.util.Locale;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;

/**
 * A changeset's identity as Liquibase records it in DATABASECHANGELOG: file, id and author. Two keys are the same
 * changeset when Liquibase would say so (the file path normalised, case ignored), so a map keyed by it matches the
 * history the way an update does.
 */
public final class ChangesetKey {

	private final String file;

	private final String id;

	private final String author;

	private final String identity;

	public ChangesetKey(String file, String id, String author) {
		this.file = String.valueOf(file);
		this.id = String.valueOf(id);
		this.author = String.valueOf(author);
		this.identity = (DatabaseChangeLog.normalizePath(this.file) + "::" + this.id + "::" + this.author)
			.toLowerCase(Locale.ROOT);
	}

	public static ChangesetKey of(ChangeSet changeSet) {
		return new ChangesetKey(changeSet.getFilePath(), changeSet.getId(), changeSet.getAuthor());
	}

	public static ChangesetKey of(RanChangeSet ran) {
		return new ChangesetKey(ran.getChangeLog(), ran.getId(), ran.getAuthor());
	}

	public String file() {
		return this.file;
	}

	public String id() {
		return this.id;
	}

	public String author() {
		return this.author;
	}

	/** How reports and refusals name a changeset for an operator: {@code id (file)}. */
	public String label() {
		return this.id + " (" + this.file + ")";
	}

	/** {@code file::id::author}, as Liquibase names a changeset in DATABASECHANGELOG and its logs. */
	@Override
	public String toString() {
		return this.file + "::" + this.id + "::" + this.author;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ChangesetKey key && key.identity.equals(this.identity);
	}

	@Override
	public int hashCode() {
		return this.identity.hashCode();
	}

}
