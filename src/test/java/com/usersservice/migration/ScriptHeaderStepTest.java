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
		assertThat(script).as("the dev-only dropTable is not in a prod script").doesNotContain("dropTable");
		assertThat(script.indexOf("CREATE TABLE databasechangelog")).as("the history table follows the header")
			.isGreaterThan(script.indexOf("-- transaction:"));
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
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new CommandScope(UpdateSqlCommandStep.COMMAND_NAME)
			.addArgumentValue(DbUrlConnectionArgumentsCommandStep.URL_ARG, url(contexts))
			.addArgumentValue(UpdateSqlCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
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
