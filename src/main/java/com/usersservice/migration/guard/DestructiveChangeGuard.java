package com.usersservice.migration.guard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usersservice.migration.changelog.ChangelogInspector;
import com.usersservice.migration.changelog.ChangesetKey;
import com.usersservice.migration.classify.BlockingFinding;
import com.usersservice.migration.classify.ChangeClassifier;
import com.usersservice.migration.classify.ChangeLabels;
import com.usersservice.migration.classify.Classification;
import com.usersservice.migration.failure.MigrationRefusedException;

/**
 * Refuses to apply pending destructive changesets that lack the label {@value ChangeLabels#APPROVED_DESTRUCTIVE},
 * before anything touches the database. {@code MIGRATION_ALLOW_DESTRUCTIVE} lets named changesets through for one
 * deploy; every use of it is logged at WARN. A pending changeset that blocks writes to an existing table is logged at
 * WARN with the safer pattern; one that cannot run as written is refused. {@link ChangeClassifier} judges.
 */
public final class DestructiveChangeGuard {

	private static final Logger logger = LoggerFactory.getLogger(DestructiveChangeGuard.class);

	private final Predicate<String> allowed;

	/** {@code allowed}: whether the one-deploy override lets the destructive changeset with this id through. */
	public DestructiveChangeGuard(Predicate<String> allowed) {
		this.allowed = allowed;
	}

	/** What the guard does with the pending changesets: refuse, let through with a warning, or warn. */
	public record Decision(List<String> refused, List<String> allowed, List<String> failing, List<String> blocking) {

	}

	public void check(Liquibase liquibase, ChangelogInspector inspector) throws LiquibaseException {
		Decision decision = decide(liquibase.getDatabaseChangeLog().getChangeSets(),
				inspector.history(liquibase).pending(), liquibase.getDatabase());
		decision.allowed()
			.forEach((described) -> logger.warn(
					"MIGRATION_ALLOW_DESTRUCTIVE lets an unapproved destructive changeset through: {}", described));
		decision.blocking().forEach((described) -> logger.warn("Pending changeset {}", described));
		List<String> failing = decision.failing();
		if (!failing.isEmpty()) {
			throw new MigrationRefusedException("Refusing to apply " + failing.size() + " changeset"
					+ ((failing.size() > 1) ? "s" : "") + " that cannot run as written; nothing was applied:\n  - "
					+ String.join("\n  - ", failing), "Fix each changeset as its line says and release a new build.");
		}
		List<String> refused = decision.refused();
		if (!refused.isEmpty()) {
			throw new MigrationRefusedException("Refusing to apply " + refused.size() + " destructive changeset"
					+ ((refused.size() > 1) ? "s" : "") + " without the label " + ChangeLabels.APPROVED_DESTRUCTIVE
					+ "; nothing was applied:\n  - " + String.join("\n  - ", refused),
					"Review each one. To approve it, add 'labels: " + ChangeLabels.APPROVED_DESTRUCTIVE
							+ "' to the changeset and release a new build. To let it through for this deploy only, "
							+ "set MIGRATION_ALLOW_DESTRUCTIVE to the changeset ids (comma-separated).");
		}
	}

	/** Judges the pending changesets; the whole changelog, in order, tells the classifier what exists before them. */
	public Decision decide(List<ChangeSet> changelog, List<ChangeSet> pending, Database database) {
		Set<ChangesetKey> run = new HashSet<>(pending.stream().map(ChangesetKey::of).toList());
		ChangeClassifier classifier = ChangeClassifier.forRun(database,
				(changeSet) -> run.contains(ChangesetKey.of(changeSet)));
		List<String> refused = new ArrayList<>();
		List<String> allowed = new ArrayList<>();
		List<String> failing = new ArrayList<>();
		List<String> blocking = new ArrayList<>();
		for (ChangeSet changeSet : changelog) {
			Classification classification = classifier.classify(changeSet);
			if (!run.contains(ChangesetKey.of(changeSet))) {
				continue;
			}
			String name = ChangesetKey.of(changeSet).label();
			for (BlockingFinding finding : classification.blocking()) {
				if (finding.fails()) {
					failing.add(name + " " + finding.text());
				}
				else {
					blocking.add(name + " blocks writes while it runs" + (classification.blockingApproved()
							? " (labelled " + ChangeLabels.APPROVED_BLOCKING + ")" : "") + ": " + finding.text());
				}
			}
			if (classification.needsApproval()) {
				String described = name + " " + String.join("; ", classification.destructiveReasons());
				(this.allowed.test(changeSet.getId()) ? allowed : refused).add(described);
			}
		}
		return new Decision(refused, allowed, failing, blocking);
	}

}
