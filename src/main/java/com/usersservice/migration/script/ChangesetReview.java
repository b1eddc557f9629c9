package com.usersservice.migration.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import liquibase.changelog.ChangeSet;
import liquibase.database.Database;

import com.usersservice.migration.changelog.ChangesetKey;
import com.usersservice.migration.classify.BlockingFinding;
import com.usersservice.migration.classify.ChangeClassifier;
import com.usersservice.migration.classify.ChangeVerdict;
import com.usersservice.migration.classify.Classification;
import com.usersservice.migration.classify.Verdict;

/**
 * What a DBA must know about a list of changesets before applying them: which changes destroy data or schema, which
 * are raw SQL or custom code that only a human can judge, which changesets cannot run inside a transaction, and which
 * block writes to a table that already exists or cannot run as written. {@link ChangeClassifier} judges, as it does
 * for the prod guard and the build lint: what the header calls destructive is exactly what the guard refuses unless
 * approved.
 */
public final class ChangesetReview {

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
		Set<ChangesetKey> run = pending.stream().map(ChangesetKey::of).collect(Collectors.toSet());
		ChangeClassifier classifier = ChangeClassifier.forRun(database,
				(changeSet) -> run.contains(ChangesetKey.of(changeSet)));
		for (ChangeSet changeSet : changelog) {
			Classification classification = classifier.classify(changeSet);
			if (!run.contains(ChangesetKey.of(changeSet))) {
				continue;
			}
			String name = ChangesetKey.of(changeSet).toString();
			for (BlockingFinding finding : classification.blocking()) {
				(finding.fails() ? review.failing : review.blocking).add(name + ": " + finding.text());
			}
			for (ChangeVerdict verdict : classification.changes()) {
				String entry = name + ": " + verdict.change().getDescription();
				if (verdict.verdict() == Verdict.DESTRUCTIVE) {
					review.destructive.add(entry);
				}
				if (verdict.opaque()) {
					review.rawSql.add(entry);
				}
			}
			if (!changeSet.isRunInTransaction()) {
				review.outsideTransaction.add(name + " (runInTransaction: false)");
			}
		}
		return review;
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
