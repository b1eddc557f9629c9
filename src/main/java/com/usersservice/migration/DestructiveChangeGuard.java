package com.usersservice.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.exception.LiquibaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to apply pending destructive changesets that lack the label {@value DestructiveChanges#APPROVAL_LABEL}, before
 * anything touches the database. {@code MIGRATION_ALLOW_DESTRUCTIVE} lets named changesets through for one deploy;
 * every use of it is logged at WARN. A pending changeset that blocks writes to an existing table
 * ({@link BlockingChanges}) is logged at WARN with the safer pattern; one that cannot run as written is refused.
 */
final class DestructiveChangeGuard {

	private static final Logger logger = LoggerFactory.getLogger(DestructiveChangeGuard.class);

	private final MigrationSettings settings;

	DestructiveChangeGuard(MigrationSettings settings) {
		this.settings = settings;
	}

	void check(Liquibase liquibase, ChangelogInspector inspector) throws LiquibaseException {
		Set<String> pending = MigrationStatus.pendingChangeSets(liquibase, inspector)
			.stream()
			.map(DestructiveChangeGuard::key)
			.collect(Collectors.toSet());
		DestructiveChanges destructive = new DestructiveChanges(liquibase.getDatabase());
		BlockingChanges blocking = BlockingChanges.forRun(liquibase.getDatabase(),
				(changeSet) -> pending.contains(key(changeSet)));
		List<String> refused = new ArrayList<>();
		List<String> failing = new ArrayList<>();
		for (ChangeSet changeSet : liquibase.getDatabaseChangeLog().getChangeSets()) {
			List<BlockingChanges.Finding> findings = blocking.inspect(changeSet);
			if (pending.contains(key(changeSet))) {
				warnOrRefuse(changeSet, findings, failing);
			}
			List<String> reasons = destructive.inspect(changeSet);
			if (reasons.isEmpty() || !pending.contains(key(changeSet)) || DestructiveChanges.approved(changeSet)) {
				continue;
			}
			String described = MigrationStatus.name(changeSet) + " " + String.join("; ", reasons);
			if (this.settings.allowsDestructive(changeSet.getId())) {
				logger.warn("MIGRATION_ALLOW_DESTRUCTIVE lets an unapproved destructive changeset through: {}",
						described);
			}
			else {
				refused.add(described);
			}
		}
		if (!failing.isEmpty()) {
			throw new MigrationRefusedException("Refusing to apply " + failing.size() + " changeset"
					+ ((failing.size() > 1) ? "s" : "") + " that cannot run as written; nothing was applied:\n  - "
					+ String.join("\n  - ", failing), "Fix each changeset as its line says and release a new build.");
		}
		if (!refused.isEmpty()) {
			throw new MigrationRefusedException("Refusing to apply " + refused.size() + " destructive changeset"
					+ ((refused.size() > 1) ? "s" : "") + " without the label "
					+ DestructiveChanges.APPROVAL_LABEL + "; nothing was applied:\n  - "
					+ String.join("\n  - ", refused),
					"Review each one. To approve it, add 'labels: " + DestructiveChanges.APPROVAL_LABEL
							+ "' to the changeset and release a new build. To let it through for this deploy only, "
							+ "set MIGRATION_ALLOW_DESTRUCTIVE to the changeset ids (comma-separated).");
		}
	}

	private static void warnOrRefuse(ChangeSet changeSet, List<BlockingChanges.Finding> findings,
			List<String> failing) {
		for (BlockingChanges.Finding finding : findings) {
			if (finding.fails()) {
				failing.add(MigrationStatus.name(changeSet) + " " + finding.text());
			}
			else {
				logger.warn("Pending changeset {} blocks writes while it runs{}: {}", MigrationStatus.name(changeSet),
						BlockingChanges.approved(changeSet) ? " (labelled " + BlockingChanges.APPROVAL_LABEL + ")" : "",
						finding.text());
			}
		}
	}

	private static String key(ChangeSet changeSet) {
		return changeSet.getId() + "::" + changeSet.getAuthor() + "::" + changeSet.getFilePath();
	}

}
