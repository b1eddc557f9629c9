package com.usersservice.migration;

import java.util.ArrayList;
import java.util.List;

import liquibase.Liquibase;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.ChangeSetStatus;
import liquibase.changelog.RanChangeSet;
import liquibase.exception.LiquibaseException;

/**
 * Where the database stands against this build's changelog: how many changesets it has applied, which ones this build
 * would still apply, which ones it applied that this build does not know (the database is ahead of the code), and which
 * applied ones were edited afterwards (checksum mismatch). Each changeset is named {@code id (file)}.
 */
record MigrationStatus(int applied, List<String> pending, List<String> unknown, List<String> checksumMismatches) {

	boolean current() {
		return this.pending.isEmpty() && this.unknown.isEmpty() && this.checksumMismatches.isEmpty();
	}

	static MigrationStatus read(Liquibase liquibase, ChangelogInspector inspector) throws LiquibaseException {
		List<String> pending = new ArrayList<>();
		List<String> mismatches = new ArrayList<>();
		// false: looking must not create the history tables on a database that has none yet.
		for (ChangeSetStatus status : liquibase.getChangeSetStatuses(inspector.contexts(), inspector.labels(), false)) {
			ChangeSet changeSet = status.getChangeSet();
			if (status.getPreviouslyRan()) {
				if (status.getStoredCheckSum() != null && !changeSet.isRunOnChange()
						&& !changeSet.isCheckSumValid(status.getStoredCheckSum())) {
					mismatches.add(name(changeSet));
				}
			}
			else if (status.getWillRun()) {
				pending.add(name(changeSet));
			}
		}
		List<String> unknown = liquibase.listUnexpectedChangeSets(inspector.contexts(), inspector.labels())
			.stream()
			.map((ran) -> ran.getId() + " (" + ran.getChangeLog() + ")")
			.toList();
		List<RanChangeSet> ran = ChangeLogHistoryServiceFactory.getInstance()
			.getChangeLogService(liquibase.getDatabase())
			.getRanChangeSets();
		return new MigrationStatus(ran.size(), List.copyOf(pending), unknown, List.copyOf(mismatches));
	}

	static String name(ChangeSet changeSet) {
		return changeSet.getId() + " (" + changeSet.getFilePath() + ")";
	}

}
