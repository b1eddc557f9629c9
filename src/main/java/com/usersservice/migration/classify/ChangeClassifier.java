package com.usersservice.migration.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.ChangeFactory;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseList;

/**
 * The one judge of what a changeset does that someone must approve or know: which changes destroy data or schema
 * ({@link Verdict}), which the change model cannot see into, and which block writes to a large PostgreSQL table or
 * cannot run as written ({@link BlockingFinding}). The build lint, the prod guard, the DBA's script header and the
 * start-up warnings all ask it, so they cannot disagree.
 * <p>
 * Feed it every changeset of the changelog in order, also those that will not run: it replays the column types and
 * the tables created so far, which is how it tells a widening type change from a narrowing one and a new table from
 * an existing one.
 */
public final class ChangeClassifier {

	private final Database database;

	private final ColumnTypes columnTypes = new ColumnTypes();

	private final DestructiveChanges destructive;

	private final BlockingChanges blocking;

	/**
	 * {@code sameRun(creator, changeSet)}: whether a table the creator made is still new (empty) when the changeset
	 * runs, so that nothing on it blocks.
	 */
	public ChangeClassifier(Database database, BiPredicate<ChangeSet, ChangeSet> sameRun) {
		this.database = database;
		this.destructive = new DestructiveChanges(database, this.columnTypes);
		this.blocking = new BlockingChanges(database, sameRun, this.columnTypes);
	}

	/** For the changesets about to be applied: they are one run, and every table made before it exists already. */
	public static ChangeClassifier forRun(Database database, Predicate<ChangeSet> pending) {
		return new ChangeClassifier(database, (creator, changeSet) -> pending.test(creator) && pending.test(changeSet));
	}

	public Classification classify(ChangeSet changeSet) {
		List<ChangeVerdict> verdicts = new ArrayList<>();
		List<BlockingFinding> findings = new ArrayList<>();
		if (!DatabaseList.definitionMatches(changeSet.getDbmsSet(), this.database, true)) {
			return new Classification(changeSet, verdicts, findings);
		}
		for (Change change : changeSet.getChanges()) {
			String type = typeOf(change);
			verdicts.add(this.destructive.judge(change, type, ChangeRule.of(type)));
			if (this.blocking.coversDatabase()) {
				findings.addAll(this.blocking.check(change, changeSet));
				this.blocking.replay(change, changeSet);
			}
			this.columnTypes.apply(change);
		}
		return new Classification(changeSet, verdicts, findings);
	}

	/** The change's name in a changelog ({@code dropColumn}, {@code sql}, ...). */
	static String typeOf(Change change) {
		return Scope.getCurrentScope().getSingleton(ChangeFactory.class).getChangeMetaData(change).getName();
	}

}
