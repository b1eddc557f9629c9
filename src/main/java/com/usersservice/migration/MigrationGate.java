package com.usersservice.migration;

import java.util.ArrayList;
import java.util.List;

import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usersservice.migration.changelog.ChangelogInspector;
import com.usersservice.migration.changelog.MigrationStatus;
import com.usersservice.migration.compat.ContractChangesets;
import com.usersservice.migration.fastpath.StartupFastPath;
import com.usersservice.migration.failure.MigrationRefusedException;
import com.usersservice.migration.observability.MigrationObserver;
import com.usersservice.migration.run.MigrationProgress;

import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Stands in front of Spring Boot's own Liquibase run: it sees the {@link SpringLiquibase} bean after Boot configured it
 * and before it applies anything. When the build's manifest proves the schema current it switches the run off; in
 * validate and drift-report modes it switches the run off too (validate then refuses to start unless the database
 * matches this build); in apply and migrate-only modes it applies the changelog itself ({@link GuardedMigration}: the
 * destructive-change guard, then a run bounded by the deadline and stopped by SIGTERM), so Boot's own call of the bean
 * has nothing left to do; in background mode it defers the run to {@link BackgroundMigration}; in contract mode it
 * hands the run to {@link ContractStep}. Every other mode leaves the changesets labelled contract pending. Ordered
 * right after {@link MigrationObserver}, which times all of it.
 */
class MigrationGate implements BeanPostProcessor, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(MigrationGate.class);

	private final ObjectProvider<MigrationSettings> settings;

	private final ObjectProvider<StartupFastPath> fastPath;

	private final ObjectProvider<GuardedMigration> migration;

	private final ObjectProvider<MigrationProgress> progress;

	private final ObjectProvider<MigrationObserver> observer;

	private final ObjectProvider<ContractStep> contractStep;

	MigrationGate(ObjectProvider<MigrationSettings> settings, ObjectProvider<StartupFastPath> fastPath,
			ObjectProvider<GuardedMigration> migration, ObjectProvider<MigrationProgress> progress,
			ObjectProvider<MigrationObserver> observer, ObjectProvider<ContractStep> contractStep) {
		this.contractStep = contractStep;
		this.settings = settings;
		this.fastPath = fastPath;
		this.migration = migration;
		this.progress = progress;
		this.observer = observer;
	}

	@Override
	public int getOrder() {
		return MigrationObserver.ORDER + 1;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof SpringLiquibase liquibase) {
			MigrationSettings settings = this.settings.getObject();
			// The changesets labelled contract wait for the post-deploy step; that step runs nothing else.
			String labels = liquibase.getLabelFilter();
			liquibase.setLabelFilter((settings.mode() == MigrationMode.CONTRACT) ? ContractChangesets.only(labels)
					: ContractChangesets.excluding(labels));
			ChangelogInspector inspector = new ChangelogInspector(liquibase);
			if (settings.mode() != MigrationMode.DRIFT_REPORT && settings.mode() != MigrationMode.CONTRACT
					&& settings.fastPath().enabled()) {
				long start = System.nanoTime();
				StartupFastPath.Verdict verdict = this.fastPath.getObject().check(inspector);
				long millis = (System.nanoTime() - start) / 1_000_000;
				if (verdict.upToDate()) {
					// Nothing pending, nothing edited, nothing unknown: no guard, no validation, no Liquibase run.
					logger.info("Schema is up to date with this build: {} changesets applied, checked in {} ms without "
							+ "starting Liquibase", verdict.changesets(), millis);
					liquibase.setShouldRun(false);
					return bean;
				}
				logger.info("Liquibase checks the changelog: {}", verdict.reason());
			}
			if (settings.mode() == MigrationMode.BACKGROUND) {
				// Boot's own run does nothing; BackgroundMigration applies the changelog once the web server is up.
				liquibase.setShouldRun(false);
				this.progress.getObject().due();
				this.observer.getObject().deferred(beanName);
				logger.info("MIGRATION_MODE=background: the changelog is applied once the web server is up; the "
						+ "service is live meanwhile, and ready when it is done");
			}
			else if (settings.mode().applies() || settings.mode() == MigrationMode.CONTRACT) {
				try {
					if (settings.mode() == MigrationMode.CONTRACT) {
						this.contractStep.getObject().apply(liquibase);
					}
					else {
						this.migration.getObject().apply(liquibase);
					}
				}
				catch (LiquibaseException ex) {
					throw new BeanInitializationException("Liquibase could not apply the changelog", ex);
				}
			}
			else {
				liquibase.setShouldRun(false);
				if (settings.mode() == MigrationMode.VALIDATE) {
					refuseUnlessCurrent(inspector.status(liquibase.getDataSource()));
				}
			}
		}
		return bean;
	}

	static void refuseUnlessCurrent(MigrationStatus status) {
		if (status.current()) {
			return;
		}
		List<String> lines = new ArrayList<>();
		status.pending().forEach((name) -> lines.add("pending (not applied yet): " + name));
		status.unknown().forEach((name) -> lines.add("applied but unknown to this build: " + name));
		status.checksumMismatches().forEach((name) -> lines.add("checksum mismatch (edited after it ran): " + name));
		throw new MigrationRefusedException(
				"MIGRATION_MODE=validate: the database does not match this build; nothing was changed:\n  - "
						+ String.join("\n  - ", lines),
				"Apply pending changesets first (MIGRATION_MODE=migrate-only or apply). A changeset unknown to this "
						+ "build means the database is ahead of the code: deploy the build that contains it. A "
						+ "checksum mismatch means a released changeset was edited: restore it and add a new changeset "
						+ "instead.");
	}

}
