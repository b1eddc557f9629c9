package com.usersservice.migration.changelog;

import java.util.List;

/**
 * Where the database stands against this build's changelog: how many changesets it has applied, which ones this build
 * would still apply, which ones it applied that this build does not know (the database is ahead of the code), and which
 * applied ones were edited afterwards (checksum mismatch). Each changeset is named {@code id (file)}. Computed by
 * {@link ChangelogHistory}.
 */
public record MigrationStatus(int applied, List<String> pending, List<String> unknown,
		List<String> checksumMismatches) {

	public MigrationStatus {
		pending = List.copyOf(pending);
		unknown = List.copyOf(unknown);
		checksumMismatches = List.copyOf(checksumMismatches);
	}

	/** Nothing pending, nothing unknown, nothing edited. */
	public boolean current() {
		return this.pending.isEmpty() && this.unknown.isEmpty() && this.checksumMismatches.isEmpty();
	}

}
