package com.usersservice.migration.report;

import java.io.PrintStream;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * {@code MIGRATION_MODE=drift-report}: prints the changeset status and the schema drift of the configured database,
 * then the service exits: 0 when the database matches this build, 3 when it does not. Changesets labelled
 * {@code contract} that await the post-deploy step are listed apart and do not count as a mismatch.
 */
public class DriftReport implements ApplicationRunner, ExitCodeGenerator {

	private final MigrationReport report;

	private final PrintStream out;

	private int exitCode;

	private final boolean active;

	/** {@code active}: whether this run is {@code MIGRATION_MODE=drift-report}; otherwise it does nothing. */
	public DriftReport(MigrationReport report, PrintStream out, boolean active) {
		this.report = report;
		this.out = out;
		this.active = active;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.active) {
			return;
		}
		MigrationReport.Migrations migrations = this.report.describe();
		this.out.println("Changesets applied: " + migrations.applied());
		print("Pending changesets", migrations.pending());
		// Pending by design until the post-deploy step: listed, not a mismatch (as validate and readiness see them).
		print("Awaiting the contract step (MIGRATION_MODE=contract)", migrations.contractPending());
		print("Applied changesets unknown to this build", migrations.unknown());
		print("Checksum mismatches", migrations.checksumMismatches());
		print("Schema drift", migrations.drift());
		boolean clean = migrations.pending().isEmpty() && migrations.unknown().isEmpty()
				&& migrations.checksumMismatches().isEmpty() && migrations.drift().isEmpty();
		this.out.println(clean ? "The database matches this build." : "The database does not match this build.");
		this.exitCode = clean ? 0 : 3;
	}

	private void print(String title, List<String> lines) {
		this.out.println(title + ": " + (lines.isEmpty() ? "none" : lines.size()));
		lines.forEach((line) -> this.out.println("  - " + line));
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
