package com.usersservice.migration;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import liquibase.command.CommandScope;
import liquibase.command.core.UpdateSqlCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header {@code updateSQL} writes, from Liquibase's change model: run in-process on a changelog with one of every
 * kind of change the header must call out (the Maven plugin always reads the service's own changelog).
 */
class ScriptHeaderStepTest {

	private static final String CHANGELOG = "db/review/review.changelog.yaml";

	@TempDir
	static Path history;

	@BeforeAll
	static void noAnalytics() {
		System.setProperty("liquibase.analytics.enabled", "false");
	}

	@Test
	void listsDestructiveRawAndNonTransactionalChangesFromTheChangeModel() throws Exception {
		String script = updateSql("prod");

		assertThat(script).startsWith("-- =====")
			.contains("-- dialect: postgresql 15.0", "-- contexts: prod", "-- changesets: 3")
			.contains("-- destructive statements: 3",
					"--   db/review/review.changelog.yaml::review-2::test: dropColumn columnName=nickname, tableName=accounts",
					"--   db/review/review.changelog.yaml::review-2::test: modifyDataType columnName=email, tableName=accounts",
					"--   db/review/review.changelog.yaml::review-2::test: delete tableName=accounts")
			.contains("-- raw SQL, review by hand: 1", "--   db/review/review.changelog.yaml::review-3::test: sql")
			.contains("-- cannot run inside a transaction: 1",
					"--   db/review/review.changelog.yaml::review-3::test (runInTransaction: false)",
					"-- transaction: NOT every statement can run inside one transaction: do not apply with psql -1");
		assertThat(script).as("what the script creates is new: nothing on it blocks")
			.contains("-- blocks writes to an existing table: none", "-- fails as written: none");
		assertThat(script).as("the dev-only dropTable is not in a prod script").doesNotContain("dropTable");
		assertThat(script.indexOf("CREATE TABLE databasechangelog")).as("the history table follows the header")
			.isGreaterThan(script.indexOf("-- transaction:"));
	}

	@Test
	void listsWhatBlocksWritesToAnExistingTableAndWhatCannotRun() throws Exception {
		String script = updateSql("prod", "db/review/blocking.changelog.yaml");

		assertThat(script).contains("-- blocks writes to an existing table: 1",
				"--   db/review/blocking.changelog.yaml::blocking-review-1::test: createIndex users_name_idx blocks "
						+ "writes to users until the index is built; instead: CREATE INDEX CONCURRENTLY in a sql change, "
						+ "in a changeset of its own with runInTransaction: false",
				"-- fails as written: 1",
				"--   db/review/blocking.changelog.yaml::blocking-review-2::test: runs CREATE INDEX CONCURRENTLY "
						+ "users_created_at_idx ON users (created_at) inside a transaction, which PostgreSQL refuses; "
						+ "instead: runInTransaction: false on a changeset of its own")
			.as("notes is created by the same script")
			.doesNotContain("notes_id_idx blocks");
	}

	@Test
	void countsWhatTheContextsSelect() throws Exception {
		String script = updateSql("dev");

		assertThat(script).contains("-- changesets: 4", "-- destructive statements: 4",
				"--   db/review/review.changelog.yaml::review-4::test: dropTable tableName=accounts");
	}

	@Test
	void otherCommandsGetNoHeader() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new CommandScope("futureRollbackSql")
			.addArgumentValue(DbUrlConnectionArgumentsCommandStep.URL_ARG, url("rollback"))
			.addArgumentValue("changelogFile", History.MASTER)
			.addArgumentValue("contexts", "prod")
			.setOutput(out)
			.execute();
		String script = out.toString(StandardCharsets.UTF_8);

		assertThat(script).doesNotContain("users-service migration script")
			.as("a rollback script runs where the history table exists")
			.doesNotContain("CREATE TABLE databasechangelog")
			.contains("DROP TABLE users");
	}

	private static String updateSql(String contexts) throws Exception {
		return updateSql(contexts, CHANGELOG);
	}

	private static String updateSql(String contexts, String changelog) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new CommandScope(UpdateSqlCommandStep.COMMAND_NAME)
			.addArgumentValue(DbUrlConnectionArgumentsCommandStep.URL_ARG, url(contexts + "-" + changelog.hashCode()))
			.addArgumentValue(UpdateSqlCommandStep.CHANGELOG_FILE_ARG, changelog)
			.addArgumentValue(UpdateSqlCommandStep.CONTEXTS_ARG, contexts)
			.setOutput(out)
			.execute();
		return out.toString(StandardCharsets.UTF_8);
	}

	private static String url(String name) {
		return "offline:postgresql?version=15.0&outputLiquibaseSql=all&changeLogFile="
				+ history.resolve(name + "-history.csv");
	}

}
