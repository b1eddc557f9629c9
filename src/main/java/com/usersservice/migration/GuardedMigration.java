package com.usersservice.migration;

import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;

import com.usersservice.config.ReleaseName;
import com.usersservice.migration.changelog.ChangelogInspector;
import com.usersservice.migration.guard.DestructiveChangeGuard;
import com.usersservice.migration.guard.ReleaseCompatibilityGuard;
import com.usersservice.migration.run.Interruption;
import com.usersservice.migration.run.MigrationProgress;
import com.usersservice.migration.run.MigrationRun;

/**
 * How every applying mode applies the changelog: the destructive-change guard and the expand/contract guard first,
 * where they are enabled, then one
 * {@link MigrationRun} of Boot's {@link SpringLiquibase} bean within {@code MIGRATION_DEADLINE}. Apply and migrate-only
 * call it while the context starts, background mode once the web server is up.
 */
class GuardedMigration {

	private final MigrationSettings settings;

	private final MigrationProgress progress;

	private volatile MigrationRun run;

	GuardedMigration(MigrationSettings settings, MigrationProgress progress) {
		this.settings = settings;
		this.progress = progress;
	}

	void apply(SpringLiquibase liquibase) throws LiquibaseException {
		if (this.settings.guard().enabled()) {
			ChangelogInspector inspector = new ChangelogInspector(liquibase);
			DestructiveChangeGuard guard = new DestructiveChangeGuard(this.settings::allowsDestructive);
			ClassLoader classLoader = inspector.classLoader();
			ReleaseCompatibilityGuard compatibility = ReleaseCompatibilityGuard.forBuild(classLoader,
					ReleaseName.version(classLoader));
			inspector.inspect(liquibase.getDataSource(), (opened) -> {
				guard.check(opened, inspector);
				compatibility.check(opened, inspector);
				return null;
			});
		}
		MigrationRun current = new MigrationRun(liquibase, this.settings.deadline(), this.progress);
		this.run = current;
		current.execute();
	}

	/** Stops the run in progress, if any, and waits until it has rolled back and let go of the lock. */
	void stop() {
		MigrationRun current = this.run;
		if (current != null) {
			current.interrupt(Interruption.SHUTDOWN);
			current.awaitEnd(MigrationRun.STOP_WAIT);
		}
	}

}
