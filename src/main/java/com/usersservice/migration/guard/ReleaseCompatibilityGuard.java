package com.usersservice.migration.guard;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import liquibase.Liquibase;
import liquibase.exception.LiquibaseException;

import com.usersservice.migration.changelog.ChangelogInspector;
import com.usersservice.migration.changelog.ChangesetKey;
import com.usersservice.migration.classify.ChangeLabels;
import com.usersservice.migration.compat.CompatibilityRule;
import com.usersservice.migration.compat.Incompatibility;
import com.usersservice.migration.compat.ReleaseModel;
import com.usersservice.migration.compat.Releases;
import com.usersservice.migration.failure.MigrationRefusedException;

/**
 * Refuses, before anything is applied, pending changesets that the previous release cannot run against and that lack
 * the label {@value ChangeLabels#CONTRACT}: during a rolling deploy that release still serves on the new schema.
 * {@link CompatibilityRule} judges, against the model recorded when that release was cut.
 */
public final class ReleaseCompatibilityGuard {

	private final CompatibilityRule rule;

	private ReleaseCompatibilityGuard(CompatibilityRule rule) {
		this.rule = rule;
	}

	/**
	 * The guard of a build of this version, from the release list and models packaged with it. A build with no earlier
	 * release has nothing to be compatible with; a listed release without its model stops the start.
	 */
	public static ReleaseCompatibilityGuard forBuild(ClassLoader classLoader, String buildVersion) {
		Optional<Releases.Release> previous = Releases.fromClassPath(classLoader).previous(buildVersion);
		if (previous.isEmpty()) {
			return new ReleaseCompatibilityGuard(null);
		}
		String version = previous.get().version();
		ReleaseModel model = ReleaseModel.fromClassPath(classLoader, version);
		if (model == null) {
			throw new MigrationRefusedException("This build has no recorded model of release " + version + " ("
					+ ReleaseModel.resource(version) + "), so it cannot tell which changesets that release cannot run "
					+ "against; nothing was applied", "Record the model as docs/releasing.md says and release a "
							+ "new build.");
		}
		return new ReleaseCompatibilityGuard(new CompatibilityRule(model));
	}

	public void check(Liquibase liquibase, ChangelogInspector inspector) throws LiquibaseException {
		if (this.rule == null) {
			return;
		}
		Set<ChangesetKey> pending = new HashSet<>(
				inspector.history(liquibase).pending().stream().map(ChangesetKey::of).toList());
		List<Incompatibility> found = this.rule.judge(liquibase.getDatabaseChangeLog().getChangeSets(),
				(changeSet) -> pending.contains(ChangesetKey.of(changeSet)), liquibase.getDatabase());
		if (!found.isEmpty()) {
			throw refusal(found, this.rule.previous().version());
		}
	}

	static MigrationRefusedException refusal(List<Incompatibility> found, String release) {
		return new MigrationRefusedException("Refusing to apply " + found.size() + " changeset"
				+ ((found.size() > 1) ? "s" : "") + " that release " + release + " cannot run against, without the "
				+ "label " + ChangeLabels.CONTRACT + "; nothing was applied:\n  - "
				+ String.join("\n  - ", found.stream().map(Incompatibility::describe).toList()),
				"Release " + release + " still serves while this one rolls out. Split the change: ship the expand "
						+ "part now, and label the part that breaks " + release + " '" + ChangeLabels.CONTRACT
						+ "', so that it runs in the post-deploy step (MIGRATION_MODE=contract) once no older release "
						+ "is connected (docs/writing-migrations.md).");
	}

}
