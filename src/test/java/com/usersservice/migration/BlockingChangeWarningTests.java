package com.usersservice.migration;

import com.usersservice.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Where the guard is on (prod), a pending changeset that blocks writes to a table that exists already is logged at
 * WARN, with the safer pattern, before it is applied; one on a table created earlier in the same run is not. A
 * CREATE INDEX CONCURRENTLY left inside a transaction is refused before anything is applied.
 */
@ExtendWith(OutputCaptureExtension.class)
class BlockingChangeWarningTests {

	private static final String GUARD = MigrationSettings.GUARD_PROPERTY + "=true";

	private static final String NO_WEB = "spring.main.web-application-type=none";

	private static final String BLOCKING = "spring.liquibase.change-log=classpath:db/fixtures/blocking-guard-changelog.yaml";

	private static final String IN_TRANSACTION = "spring.liquibase.change-log=classpath:db/fixtures/"
			+ "concurrently-in-transaction-changelog.yaml";

	@Test
	void warnsBeforeApplyingABlockingChangeToAnExistingTable(CapturedOutput output) {
		String url = Apps.migrated("blocking_warn");

		Apps.start(url, BLOCKING, GUARD, NO_WEB).close();

		assertThat(output).containsPattern("WARN .*Pending changeset blocking-1 \\(db/fixtures/blocking-guard-changelog"
				+ ".yaml\\) blocks writes while it runs: createIndex users_name_idx blocks writes to users until the "
				+ "index is built; instead: CREATE INDEX CONCURRENTLY in a sql change, in a changeset of its own with "
				+ "runInTransaction: false")
			.doesNotContain("Pending changeset blocking-2", "Pending changeset blocking-4");
		assertThat(output.toString().indexOf("Pending changeset blocking-1"))
			.as("the warning comes before the changeset runs")
			.isLessThan(output.toString().indexOf("Changeset blocking-1 (db/fixtures/blocking-guard-changelog.yaml) "
					+ "executed"));
	}

	@Test
	void staysQuietWhereTheSameRunCreatesTheTable(CapturedOutput output) {
		String url = TestPostgres.createDatabase("blocking_new");

		Apps.start(url, BLOCKING, GUARD, NO_WEB).close();

		assertThat(output).contains("Changeset blocking-1 (db/fixtures/blocking-guard-changelog.yaml) executed")
			.doesNotContain("blocks writes while it runs");
	}

	@Test
	void refusesAConcurrentIndexLeftInsideATransactionBeforeApplyingAnything(CapturedOutput output) {
		String url = Apps.migrated("blocking_refused");
		Database db = new Database(url, TestPostgres.username(), TestPostgres.password());

		assertThatException().isThrownBy(() -> Apps.start(url, IN_TRANSACTION, GUARD, NO_WEB));

		assertThat(output).contains("Refusing to apply 1 changeset that cannot run as written; nothing was applied:",
				"- cic-1 (db/fixtures/concurrently-in-transaction-changelog.yaml) runs CREATE INDEX CONCURRENTLY "
						+ "users_name_idx ON users (name) inside a transaction, which PostgreSQL refuses; instead: "
						+ "runInTransaction: false on a changeset of its own");
		assertThat(db.column("SELECT id FROM databasechangelog")).doesNotContain("cic-1");
	}

	@Test
	void withoutTheGuardPostgresqlRefusesItMidMigration(CapturedOutput output) {
		String url = Apps.migrated("blocking_unguarded");

		assertThatException().isThrownBy(() -> Apps.start(url, IN_TRANSACTION, NO_WEB));

		assertThat(output).contains("CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
	}

}
