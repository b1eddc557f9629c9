package com.usersservice.migration.report;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonInclude;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;

import com.usersservice.migration.changelog.ChangelogInspector;
import com.usersservice.migration.changelog.MigrationStatus;
import com.usersservice.migration.compat.ContractChangesets;
import com.usersservice.migration.fastpath.StartupFastPath;
import com.usersservice.migration.lock.LockStatus;
import com.usersservice.migration.run.MigrationProgress;

/**
 * Everything an operator asks about migrations, read on request: the changeset status, the schema drift against the
 * snapshot packaged with this build (parsed once) and the migration lock. One question at a time: probes and operators
 * ask rarely, and Liquibase's scope is process-wide.
 */
public final class MigrationReport {

	private final DataSource dataSource;

	private final Supplier<ChangelogInspector> inspector;

	private final StartupFastPath fastPath;

	private final MigrationProgress progress;

	private volatile SchemaDrift expected;

	public MigrationReport(DataSource dataSource, Supplier<ChangelogInspector> inspector, StartupFastPath fastPath,
			MigrationProgress progress) {
		this.dataSource = dataSource;
		this.inspector = inspector;
		this.fastPath = fastPath;
		this.progress = progress;
	}

	/** False when Liquibase is switched off ({@code spring.liquibase.enabled=false}): there is nothing to report. */
	public boolean liquibaseEnabled() {
		return this.inspector.get() != null;
	}

	/** The changeset status; when the manifest proves the database current, without starting Liquibase (probes). */
	public synchronized MigrationStatus status() {
		ChangelogInspector inspector = inspector();
		if (this.fastPath != null) {
			StartupFastPath.Verdict verdict = this.fastPath.check(inspector);
			if (verdict.upToDate()) {
				return new MigrationStatus(verdict.changesets(), List.of(), List.of(), List.of());
			}
		}
		return inspector.status(this.dataSource);
	}

	public synchronized Migrations describe() {
		ChangelogInspector inspector = inspector();
		return inspector.inspect(this.dataSource, (liquibase) -> {
			MigrationStatus status = inspector.history(liquibase).status();
			Connection connection = ((JdbcConnection) liquibase.getDatabase().getConnection())
				.getUnderlyingConnection();
			Running running = this.progress.running()
				.map((now) -> new Running(now.changeset(), now.since().toString()))
				.orElse(null);
			return new Migrations(status.applied(), status.pending(), ContractChangesets.pending(inspector, liquibase),
					status.unknown(), status.checksumMismatches(), drift(liquibase.getDatabase()),
					LockStatus.read(connection, inspector.lockTable()), running);
		});
	}

	private ChangelogInspector inspector() {
		ChangelogInspector inspector = this.inspector.get();
		if (inspector == null) {
			throw new IllegalStateException("Liquibase is disabled (spring.liquibase.enabled=false)");
		}
		return inspector;
	}

	private List<String> drift(Database database) throws LiquibaseException {
		if (!database.getShortName().equals("postgresql")) {
			return List.of("not compared: the expected schema is a PostgreSQL snapshot and this database is "
					+ database.getShortName());
		}
		SchemaDrift drift = this.expected;
		if (drift == null) {
			drift = SchemaDrift.packaged();
			this.expected = drift;
		}
		return drift.compare(database);
	}

	/**
	 * The body of {@code /actuator/migrations}; {@code running} only while this process migrates. {@code pending} is
	 * what this release applies; {@code contractPending} what awaits the post-deploy step (MIGRATION_MODE=contract).
	 */
	public record Migrations(int applied, List<String> pending, List<String> contractPending, List<String> unknown,
			List<String> checksumMismatches,
			List<String> drift, Map<String, Object> lock, @JsonInclude(JsonInclude.Include.NON_NULL) Running running) {

	}

	/** The changeset this process applies now (none yet while it waits for the lock) and since when. */
	public record Running(@JsonInclude(JsonInclude.Include.NON_NULL) String changeset, String since) {

	}

}
