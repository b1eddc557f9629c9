package com.usersservice.migration;

import java.util.ArrayList;
import java.util.List;

import liquibase.Liquibase;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.exception.LiquibaseException;

/**
 * Where the database stands against this build's changelog: how many changesets it has applied, which ones this build
 * would still apply, which ones it applied that this build does not know (the database is ahead of the code), and which
 * applied ones were edited afterwards (checksum mismatch). Each changeset is named {@code id (file)}.
 * <p>
 * Built from the parsed changelog, Liquibase's changeset filters and its history service only: Liquibase's status and
 * update commands would create the history tables and stop at the first checksum mismatch.
 */
record MigrationStatus(int applied, List<String> pending, List<String> unknown, List<String> checksumMismatches) {

	boolean current() {
		return this.pending.isEmpty() && this.unknown.isEmpty() && this.checksumMismatches.isEmpty();
	}

	static MigrationStatus read(Liquibase liquibase, ChangelogInspector inspector) throws LiquibaseException {
		List<RanChangeSet> ran = ranChangeSets(liquibase);
		List<ChangeSet> changeSets = liquibase.getDatabaseChangeLog().getChangeSets();
		List<String> mismatches = new ArrayList<>();
		for (ChangeSet changeSet : changeSets) {
			RanChangeSet applied = find(ran, changeSet);
			if (applied != null && applied.getLastCheckSum() != null && !changeSet.isRunOnChange()
					&& !changeSet.isCheckSumValid(applied.getLastCheckSum())) {
				mismatches.add(name(changeSet));
			}
		}
		List<String> unknown = ran.stream()
			.filter((applied) -> changeSets.stream().noneMatch(applied::isSameAs))
			.map((applied) -> applied.getId() + " (" + applied.getChangeLog() + ")")
			.toList();
		List<String> pending = pendingChangeSets(liquibase, inspector).stream().map(MigrationStatus::name).toList();
		return new MigrationStatus(ran.size(), pending, unknown, List.copyOf(mismatches));
	}

	/** The changesets an update would apply now: not applied yet, and selected by dbms, contexts and labels. */
	static List<ChangeSet> pendingChangeSets(Liquibase liquibase, ChangelogInspector inspector)
			throws LiquibaseException {
		List<RanChangeSet> ran = ranChangeSets(liquibase);
		List<ChangeSetFilter> filters = List.of(new ContextChangeSetFilter(inspector.contexts()),
				new LabelChangeSetFilter(inspector.labels()), new DbmsChangeSetFilter(liquibase.getDatabase()),
				new IgnoreChangeSetFilter());
		List<ChangeSet> pending = new ArrayList<>();
		for (ChangeSet changeSet : liquibase.getDatabaseChangeLog().getChangeSets()) {
			if (find(ran, changeSet) == null
					&& filters.stream().allMatch((filter) -> filter.accepts(changeSet).isAccepted())) {
				pending.add(changeSet);
			}
		}
		return pending;
	}

	static String name(ChangeSet changeSet) {
		return changeSet.getId() + " (" + changeSet.getFilePath() + ")";
	}

	// An empty list, without creating anything, when the database has no history table yet.
	private static List<RanChangeSet> ranChangeSets(Liquibase liquibase) throws LiquibaseException {
		return ChangeLogHistoryServiceFactory.getInstance()
			.getChangeLogService(liquibase.getDatabase())
			.getRanChangeSets();
	}

	private static RanChangeSet find(List<RanChangeSet> ran, ChangeSet changeSet) {
		return ran.stream().filter((applied) -> applied.isSameAs(changeSet)).findFirst().orElse(null);
	}

}
