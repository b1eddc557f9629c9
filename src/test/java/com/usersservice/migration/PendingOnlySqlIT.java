package com.usersservice.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.usersservice.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only what is pending: a database one changeset behind gets a script with that one changeset, whether the history
 * is read from the live database ({@code -Denv=prod}) or from its exported CSV ({@code -Dhistory=}).
 */
@ResourceLock(MavenLiquibase.LIQUIBASE)
class PendingOnlySqlIT {

	private static final String USERNAME = TestPostgres.username();

	private static final String PASSWORD = TestPostgres.password();

	private static final String LAST = "20261203-0001-users-updated-at.yaml::20261203-0001-2::users-service team";

	/** The changesets of the prod context on PostgreSQL. */
	private static final int ALL = 4;

	@Test
	void envProdWritesOnlyThePendingChangesetAndChangesNothing() {
		String url = oneChangesetBehind("dba_pending_env");
		List<History.Row> before = History.rows(url, USERNAME, PASSWORD);

		Path script = MavenLiquibase.sql("updateSQL-env-prod",
				MavenLiquibase.environment("prod", url, USERNAME, PASSWORD), "liquibase:updateSQL", "-Denv=prod");

		assertThat(History.rows(url, USERNAME, PASSWORD)).as("generating the script changed nothing")
			.isEqualTo(before);
		assertOnlyTheLastChangeset(script);
		assertThat(read(script)).contains("-- environment: prod (live database, read-only; " + (ALL - 1)
				+ " changesets already applied");
		SqlScripts.applyToPostgres(script, url, USERNAME, PASSWORD);
		assertServiceHasNothingToRun(url);
	}

	@Test
	void theContractStepHasAScriptOfItsOwn() {
		String recipe = "-Dliquibase.changeLogFile=src/test/resources/db/recipes/rename-column/changelog.yaml";
		String expand = read(MavenLiquibase.sql("updateSQL-recipe", Map.of(), "liquibase:updateSQL", recipe));
		String contract = read(MavenLiquibase.sql("updateSQL-recipe-contract", Map.of(), "liquibase:updateSQL",
				recipe, "-Dliquibase.labelFilter=contract"));
		assertThat(expand).as("the deploy's script").contains("ALTER TABLE customers ADD display_name")
			.doesNotContain("20270111-0001-", "DROP COLUMN nickname");
		assertThat(contract).as("the contract step's script").contains("20270111-0001-", "DROP COLUMN nickname");
	}

	@Test
	void anExportedHistoryGivesTheSameScriptWithoutAConnection() throws IOException {
		String url = oneChangesetBehind("dba_pending_csv");
		Path csv = MavenLiquibase.OUTPUT.resolve("exported-history.csv");
		exportHistory(url, csv);

		Path script = MavenLiquibase.sql("updateSQL-history-csv", Map.of(), "liquibase:updateSQL",
				"-Dhistory=" + csv);

		assertOnlyTheLastChangeset(script);
		assertThat(read(script)).contains((ALL - 1) + " changesets already applied");
		SqlScripts.applyToPostgres(script, url, USERNAME, PASSWORD);
		assertServiceHasNothingToRun(url);
	}

	@Test
	void aMissingEnvironmentVariableIsNamed() {
		Path log = MavenLiquibase.OUTPUT.resolve("updateSQL-env-missing.log");
		int exit = MavenLiquibase.exitCode("updateSQL-env-missing", Map.of(), "liquibase:updateSQL", "-Denv=prod");
		assertThat(exit).isNotZero();
		assertThat(read(log)).contains("PROD_DATABASE_URL is not set");
	}

	private static String oneChangesetBehind(String prefix) {
		String url = TestPostgres.createDatabase(prefix);
		History.applyFirst(ALL - 1, url, USERNAME, PASSWORD);
		assertThat(History.rows(url, USERNAME, PASSWORD)).hasSize(ALL - 1);
		return url;
	}

	/** The runbook's export: liquibase/export-history.sql through psql, or its COPY through JDBC without psql. */
	private static void exportHistory(String url, Path csv) throws IOException {
		Files.createDirectories(csv.getParent());
		Path export = MavenLiquibase.BASEDIR.resolve("liquibase/export-history.sql");
		Files.writeString(csv, SqlScripts.copyOut(export, url, USERNAME, PASSWORD));
	}

	private static void assertOnlyTheLastChangeset(Path script) {
		String sql = read(script);
		assertThat(sql).contains("-- changesets: 1", "--   db/changelog/changes/" + LAST)
			.contains("CREATE TRIGGER users_updated_at")
			.doesNotContain("CREATE TABLE users")
			.doesNotContain("ADD updated_at");
	}

	private static void assertServiceHasNothingToRun(String url) {
		List<History.Row> applied = History.rows(url, USERNAME, PASSWORD);
		assertThat(applied).hasSize(ALL);
		ServiceInProd.boot(url, USERNAME, PASSWORD);
		assertThat(History.rows(url, USERNAME, PASSWORD)).as("the service ran nothing after the script")
			.isEqualTo(applied);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + file, ex);
		}
	}

}
