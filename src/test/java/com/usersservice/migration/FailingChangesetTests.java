package com.usersservice.migration;

import java.util.HashMap;
import java.util.Map;

import com.usersservice.RunningService;
import com.usersservice.TestMariaDb;
import com.usersservice.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A changeset whose second statement fails. PostgreSQL: the service refuses to start and says which changeset and
 * what the database said; the changeset's first statement is rolled back with it and nothing is recorded; once the
 * changeset is fixed the next start applies it. MariaDB commits DDL statement by statement: the test shows what the
 * operator then finds and has to do (docs/operations.md).
 */
@ExtendWith(OutputCaptureExtension.class)
class FailingChangesetTests {

	static final String CHANGESET = "failing-1::integration test";

	static final String FAILING = "select * from no_such_table";

	static final String FIXED = "select 1";

	@Test
	void postgresqlRollsTheChangesetBackAndAppliesItOnceFixed(CapturedOutput output) {
		String url = TestPostgres.createDatabase("failing");
		Database database = new Database(url, TestPostgres.username(), TestPostgres.password());
		Map<String, String> settings = settings(url, TestPostgres.username(), TestPostgres.password());

		assertThatThrownBy(() -> start(settings, FAILING)).hasStackTraceContaining(CHANGESET);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Migration failed at changeset failing-1 (db/it/failing-changelog.yaml): "
					+ "ERROR: relation \"no_such_table\" does not exist")
			.contains("on PostgreSQL its changes were rolled back");
		assertThat(database.tableExists("half_done")).as("the first statement was rolled back").isFalse();
		assertThat(database.column("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
			.containsExactly("20261130-0001-1", "20261130-0002-1", "20261203-0001-1", "20261203-0001-2");

		start(settings, FIXED).close();
		assertThat(database.tableExists("half_done")).isTrue();
		assertThat(database.column("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
			.containsExactly("20261130-0001-1", "20261130-0002-1", "20261203-0001-1", "20261203-0001-2", "failing-1");
	}

	@Test
	void mariadbKeepsTheFirstStatementAndTheOperatorDropsIt(CapturedOutput output) {
		assumeTrue(TestMariaDb.available(), TestMariaDb.UNAVAILABLE);
		Database database = new Database(TestMariaDb.createDatabase("failing"), TestMariaDb.username(),
				TestMariaDb.password());
		Map<String, String> settings = settings(database.url(), TestMariaDb.username(), TestMariaDb.password());

		assertThatThrownBy(() -> start(settings, FAILING)).hasStackTraceContaining(CHANGESET);
		assertThat(output).containsPattern("Migration failed at changeset failing-1 \\(db/it/failing-changelog.yaml\\): "
				+ ".*Table '.*no_such_table' doesn't exist")
			.contains("MySQL/MariaDB commit each DDL statement on its own");
		assertThat(database.tableExists("half_done")).as("MariaDB committed the CREATE TABLE by itself").isTrue();
		assertThat(database.column("SELECT id FROM DATABASECHANGELOG")).doesNotContain("failing-1");

		// Fixing the changeset is not enough: its first statement runs again and finds its own leftover.
		assertThatThrownBy(() -> start(settings, FIXED)).hasStackTraceContaining("Table 'half_done' already exists");

		// What the operator does (docs/operations.md): drop what the failed changeset left, then start again.
		database.execute("DROP TABLE half_done");
		start(settings, FIXED).close();
		assertThat(database.tableExists("half_done")).isTrue();
		assertThat(database.column("SELECT id FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED"))
			.containsExactly("20261130-0001-1", "20261130-0002-2", "20261203-0001-1", "20261203-0001-3", "failing-1");
	}

	private static Map<String, String> settings(String url, String username, String password) {
		Map<String, String> settings = new HashMap<>();
		settings.put("spring.datasource.url", url);
		settings.put("spring.datasource.username", username);
		settings.put("spring.datasource.password", password);
		settings.put("spring.liquibase.change-log", "classpath:db/it/failing-changelog.yaml");
		return settings;
	}

	private static RunningService start(Map<String, String> settings, String secondStatement) {
		Map<String, String> withStatement = new HashMap<>(settings);
		withStatement.put("spring.liquibase.parameters.second_statement", secondStatement);
		return RunningService.start("test", withStatement);
	}

}
