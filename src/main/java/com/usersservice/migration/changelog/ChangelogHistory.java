package com.usersservice.migration.changelog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;

/**
 * A parsed changelog beside a database's history, compared by {@link HistoryComparison} with the update's own filters
 * (contexts, labels, dbms, ignore). Read with Liquibase's history service only: it never creates the history tables,
 * and unlike Liquibase's status and update commands it does not stop at the first checksum mismatch.
 */
public final class ChangelogHistory {

	private static final Set<ChangeSet.ExecType> DONE = Set.of(ChangeSet.ExecType.EXECUTED,
			ChangeSet.ExecType.MARK_RAN, ChangeSet.ExecType.RERAN);

	private final List<ChangeSet> changeSets;

	private final int rows;

	private final HistoryComparison comparison;

	private ChangelogHistory(List<ChangeSet> changeSets, int rows, HistoryComparison comparison) {
		this.changeSets = changeSets;
		this.rows = rows;
		this.comparison = comparison;
	}

	/** The changelog as a run with these contexts and labels would apply it to the database. */
	public static ChangelogHistory read(DatabaseChangeLog changeLog, Database database, Contexts contexts,
			LabelExpression labels) throws LiquibaseException {
		// An empty list, without creating anything, when the database has no history table yet.
		List<RanChangeSet> ran = ChangeLogHistoryServiceFactory.getInstance()
			.getChangeLogService(database)
			.getRanChangeSets();
		List<ChangeSetFilter> filters = List.of(new ContextChangeSetFilter(contexts), new LabelChangeSetFilter(labels),
				new DbmsChangeSetFilter(database), new IgnoreChangeSetFilter());
		List<HistoryComparison.Known> known = new ArrayList<>();
		for (ChangeSet changeSet : changeLog.getChangeSets()) {
			boolean selected = filters.stream().allMatch((filter) -> filter.accepts(changeSet).isAccepted());
			known.add(new HistoryComparison.Known(ChangesetKey.of(changeSet), selected, changeSet.isAlwaysRun(),
					changeSet.isRunOnChange(), (checksum) -> changeSet.isCheckSumValid(CheckSum.parse(checksum))));
		}
		List<HistoryComparison.Recorded> recorded = ran.stream()
			.map((row) -> new HistoryComparison.Recorded(ChangesetKey.of(row),
					(row.getLastCheckSum() != null) ? row.getLastCheckSum().toString() : null,
					row.getLastCheckSum() != null && DONE.contains(row.getExecType())))
			.toList();
		return new ChangelogHistory(changeLog.getChangeSets(), ran.size(), HistoryComparison.of(known, recorded));
	}

	public HistoryComparison comparison() {
		return this.comparison;
	}

	/** The changesets an update would apply now for the first time, in changelog order. */
	public List<ChangeSet> pending() {
		return changeSets(this.comparison.pending());
	}

	/** What an update would run now, in changelog order: the pending changesets and those it runs again. */
	public List<ChangeSet> toRun() {
		List<ChangesetKey> keys = new ArrayList<>(this.comparison.pending());
		keys.addAll(this.comparison.rerun());
		return changeSets(keys);
	}

	/** Where the database stands, for reports and for validate mode. */
	public MigrationStatus status() {
		return new MigrationStatus(this.rows, labels(this.comparison.pending()), labels(this.comparison.unknown()),
				labels(this.comparison.mismatched()));
	}

	private List<ChangeSet> changeSets(List<ChangesetKey> keys) {
		return this.changeSets.stream().filter((changeSet) -> keys.contains(ChangesetKey.of(changeSet))).toList();
	}

	private static List<String> labels(List<ChangesetKey> keys) {
		return keys.stream().map(ChangesetKey::label).toList();
	}

}
