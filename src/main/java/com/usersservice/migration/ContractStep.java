package com.usersservice.migration;

import java.sql.Connection;
import java.util.List;

import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usersservice.config.ReleaseName;
import com.usersservice.migration.changelog.ChangelogInspector;
import com.usersservice.migration.compat.ConnectedReleases;
import com.usersservice.migration.compat.ContractChangesets;
import com.usersservice.migration.failure.MigrationRefusedException;

/**
 * MIGRATION_MODE=contract, the post-deploy step: applies the pending changesets labelled contract, the ones the
 * previous release cannot run against, through the same {@link GuardedMigration} as every applying mode. It refuses
 * while another changeset is pending (the expand step comes first) and while a session of an older release is
 * connected ({@link ConnectedReleases}), naming them; nothing is applied then.
 */
class ContractStep {

	private static final Logger logger = LoggerFactory.getLogger(ContractStep.class);

	private final GuardedMigration migration;

	ContractStep(GuardedMigration migration) {
		this.migration = migration;
	}

	void apply(SpringLiquibase liquibase) throws LiquibaseException {
		ChangelogInspector inspector = new ChangelogInspector(liquibase);
		String version = ReleaseName.version(inspector.classLoader());
		List<String> contract = inspector.inspect(liquibase.getDataSource(), (opened) -> {
			List<String> others = ContractChangesets.pendingOthers(inspector, opened);
			if (!others.isEmpty()) {
				throw new MigrationRefusedException("MIGRATION_MODE=contract: " + others.size() + " other changeset"
						+ ((others.size() > 1) ? "s are" : " is") + " still pending; nothing was applied:\n  - "
						+ String.join("\n  - ", others),
						"Apply them first (MIGRATION_MODE=migrate-only, or a rollout of this release), then run the "
								+ "contract step once every older release is stopped.");
			}
			Connection connection = ((JdbcConnection) opened.getDatabase().getConnection()).getUnderlyingConnection();
			List<ConnectedReleases.Session> older = ConnectedReleases.older(connection, version);
			if (!older.isEmpty()) {
				throw new MigrationRefusedException("MIGRATION_MODE=contract: " + older.size() + " session"
						+ ((older.size() > 1) ? "s" : "") + " of a release older than " + version + " "
						+ ((older.size() > 1) ? "are" : "is") + " connected; nothing was applied:\n  - "
						+ String.join("\n  - ", older.stream().map(ConnectedReleases.Session::describe).toList()),
						"Finish the rollout: stop every older release (a session named 'PostgreSQL JDBC Driver' is a "
								+ "release before 0.2.0), then run the contract step again.");
			}
			return ContractChangesets.pending(inspector, opened);
		});
		logger.info("MIGRATION_MODE=contract: no older release is connected; applying {} contract changeset{}",
				contract.size(), (contract.size() == 1) ? "" : "s");
		this.migration.apply(liquibase);
	}

}
