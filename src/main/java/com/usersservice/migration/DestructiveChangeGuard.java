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
 * every use of it is logged at WARN.
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
		List<String> refused = new ArrayList<>();
		for (ChangeSet changeSet : liquibase.getDatabaseChangeLog().getChangeSets()) {
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

	private static String key(ChangeSet changeSet) {
		return changeSet.getId() + "::" + changeSet.getAuthor() + "::" + changeSet.getFilePath();
	}

}
