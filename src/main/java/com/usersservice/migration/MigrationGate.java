package com.usersservice.migration;

import java.util.ArrayList;
import java.util.List;

import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usersservice.migration.changelog.ChangelogInspector;
import com.usersservice.migration.changelog.MigrationStatus;
import com.usersservice.migration.fastpath.StartupFastPath;
import com.usersservice.migration.failure.MigrationRefusedException;
import com.usersservice.migration.guard.DestructiveChangeGuard;
import com.usersservice.migration.observability.MigrationObserver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Stands in front of Spring Boot's own Liquibase run: it sees the {@link SpringLiquibase} bean after Boot configured it
 * and before it applies anything. When the build's manifest proves the schema current it switches the run off; in
 * validate and drift-report modes it switches the run off too (validate then refuses to start unless the database
 * matches this build); in apply and migrate-only modes it runs the destructive-change guard where it is enabled.
 * Ordered right after {@link MigrationObserver}, which times all of it.
 */
class MigrationGate implements BeanPostProcessor, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(MigrationGate.class);

	private final ObjectProvider<MigrationSettings> settings;

	private final ObjectProvider<StartupFastPath> fastPath;

	MigrationGate(ObjectProvider<MigrationSettings> settings, ObjectProvider<StartupFastPath> fastPath) {
		this.settings = settings;
		this.fastPath = fastPath;
	}

	@Override
	public int getOrder() {
		return MigrationObserver.ORDER + 1;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof SpringLiquibase liquibase) {
			MigrationSettings settings = this.settings.getObject();
			ChangelogInspector inspector = new ChangelogInspector(liquibase);
			if (settings.mode() != MigrationMode.DRIFT_REPORT && settings.fastPath().enabled()) {
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
			if (!settings.mode().applies()) {
				liquibase.setShouldRun(false);
			}
			if (settings.mode() == MigrationMode.VALIDATE) {
				refuseUnlessCurrent(inspector.status(liquibase.getDataSource()));
			}
			else if (settings.mode().applies() && settings.guard().enabled()) {
				DestructiveChangeGuard guard = new DestructiveChangeGuard(settings::allowsDestructive);
				inspector.inspect(liquibase.getDataSource(), (opened) -> {
					guard.check(opened, inspector);
					return null;
				});
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
