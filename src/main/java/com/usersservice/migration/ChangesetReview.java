package com.usersservice.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.core.DeleteDataChange;
import liquibase.change.core.DropAllForeignKeyConstraintsChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropForeignKeyConstraintChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.DropProcedureChange;
import liquibase.change.core.DropSequenceChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.DropUniqueConstraintChange;
import liquibase.change.core.DropViewChange;
import liquibase.change.core.MergeColumnChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;

/**
 * What a DBA must know about a list of changesets before applying them: which changes destroy data or schema, which
 * are raw SQL that only a human can judge, which changesets cannot run inside a transaction, and which block writes to
 * a table that already exists or cannot run as written ({@link BlockingChanges}). Decided from Liquibase's change
 * model (the change types), never by reading generated SQL.
 */
public final class ChangesetReview {

	/** Change types that drop schema objects or data, or rewrite a column's type (which may truncate values). */
	private static final Set<Class<? extends Change>> DESTRUCTIVE = Set.of(DropTableChange.class,
			DropColumnChange.class, DropIndexChange.class, DropForeignKeyConstraintChange.class,
			DropAllForeignKeyConstraintsChange.class, DropUniqueConstraintChange.class, DropPrimaryKeyChange.class,
			DropViewChange.class, DropSequenceChange.class, DropProcedureChange.class, DeleteDataChange.class,
			ModifyDataTypeChange.class, MergeColumnChange.class);

	private final List<String> destructive = new ArrayList<>();

	private final List<String> rawSql = new ArrayList<>();

	private final List<String> outsideTransaction = new ArrayList<>();

	private final List<String> blocking = new ArrayList<>();

	private final List<String> failing = new ArrayList<>();

	private ChangesetReview() {
	}

	/**
	 * The review of the pending changesets; the whole changelog, in order, tells which tables exist before them (a
	 * table an earlier pending changeset creates is new, so nothing on it blocks).
	 */
	public static ChangesetReview of(List<ChangeSet> pending, List<ChangeSet> changelog, Database database) {
		ChangesetReview review = new ChangesetReview();
		Set<String> run = pending.stream().map(ChangesetReview::describe).collect(Collectors.toSet());
		BlockingChanges blocking = BlockingChanges.forRun(database, (changeSet) -> run.contains(describe(changeSet)));
		for (ChangeSet changeSet : changelog) {
			List<BlockingChanges.Finding> findings = blocking.inspect(changeSet);
			if (!run.contains(describe(changeSet))) {
				continue;
			}
			for (BlockingChanges.Finding finding : findings) {
				(finding.fails() ? review.failing : review.blocking).add(describe(changeSet) + ": " + finding.text());
			}
		}
		for (ChangeSet changeSet : pending) {
			for (Change change : changeSet.getChanges()) {
				String entry = describe(changeSet) + ": " + change.getDescription();
				if (isDestructive(change)) {
					review.destructive.add(entry);
				}
				// sql and sqlFile (TRUNCATE, DROP, CREATE INDEX CONCURRENTLY, ...): the change model cannot see inside.
				if (change instanceof AbstractSQLChange) {
					review.rawSql.add(entry);
				}
			}
			if (!changeSet.isRunInTransaction()) {
				review.outsideTransaction.add(describe(changeSet) + " (runInTransaction: false)");
			}
		}
		return review;
	}

	public static boolean isDestructive(Change change) {
		return DESTRUCTIVE.stream().anyMatch((type) -> type.isInstance(change));
	}

	/** The changeset as Liquibase names it in DATABASECHANGELOG and its logs: file::id::author. */
	public static String describe(ChangeSet changeSet) {
		return changeSet.getFilePath() + "::" + changeSet.getId() + "::" + changeSet.getAuthor();
	}

	public List<String> destructive() {
		return List.copyOf(this.destructive);
	}

	public List<String> rawSql() {
		return List.copyOf(this.rawSql);
	}

	public List<String> outsideTransaction() {
		return List.copyOf(this.outsideTransaction);
	}

	public List<String> blocking() {
		return List.copyOf(this.blocking);
	}

	public List<String> failing() {
		return List.copyOf(this.failing);
	}

}
