package com.usersservice.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.usersservice.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The DBA round trip on PostgreSQL: {@code ./mvnw liquibase:updateSQL} with no database, the script applied with
 * {@code psql -1 -v ON_ERROR_STOP=1 -f}, then the packaged service starts in prod and has nothing left to run; the same
 * again for a next release's pending-only script ({@link DbaRoundTrip}).
 */
@ResourceLock(MavenLiquibase.LIQUIBASE)
class OfflineSqlRoundTripIT {

	private static final Path MIGRATE_SQL = MavenLiquibase.MIGRATE_SQL;

	private static String script;

	@BeforeAll
	static void generateAsDocumented() throws IOException {
		script = Files.readString(MavenLiquibase.documentedMigrateSql());
	}

	@Test
	void withPsqlThePackagedServiceRunsNothingAfterTheScriptNorAfterTheNextReleasesPendingScript() {
		assumeTrue(SqlScripts.psqlInstalled(),
				"psql is not installed (Debian: postgresql-client): the DBA round trip applies the scripts with it");
		String url = TestPostgres.createDatabase("dba_round_trip");
		new DbaRoundTrip("postgresql", url, TestPostgres.username(), TestPostgres.password(),
				SqlScripts::applyWithPsql)
			.from(MIGRATE_SQL);
	}

	@Test
	void theScriptRecordsTheSameChangesetPathsAndChecksumsAsTheService() {
		String byService = TestPostgres.createDatabase("dba_by_service");
		ServiceInProd.boot(byService, TestPostgres.username(), TestPostgres.password());
		String byScript = TestPostgres.createDatabase("dba_by_script");
		SqlScripts.applyToPostgres(MIGRATE_SQL, byScript, TestPostgres.username(), TestPostgres.password());

		// FILENAME must match, or the service re-runs every changeset ("relation users already exists").
		assertThat(identities(byScript)).as("id, author, FILENAME and checksum the plugin records")
			.isEqualTo(identities(byService));
	}

	@Test
	void theScriptStartsWithItsReviewHeader() {
		List<String> lines = script.lines().toList();
		assertThat(lines.get(1)).isEqualTo("-- users-service migration script");
		assertThat(script).containsPattern("-- generated from: users-service \\S+, commit [0-9a-f]{12}")
			.contains("-- dialect: postgresql 15.0")
			.contains("-- environment: offline (no database connection;")
			.contains("-- contexts: prod")
			.contains("-- changesets: 4")
			.contains("--   db/changelog/changes/20261130-0001-create-users.yaml::20261130-0001-1::users-service team")
			.contains("-- destructive statements: none")
			.containsPattern("-- raw SQL, review by hand: \\d.*\\n(--   .*\\n)*--   .*20261203-0001-2")
			.contains("-- cannot run inside a transaction: none");
		assertThat(script.indexOf("CREATE TABLE databasechangelog")).as("the history table comes after the header")
			.isGreaterThan(script.indexOf("-- transaction:"));
		assertThat(script).as("prod context: no dev seed data").doesNotContain("ada@example.com");
	}

	@Test
	void wrongCredentialsChangeNothing() {
		Path withWrongCredentials = MavenLiquibase.sql("updateSQL-wrong-credentials",
				Map.of("PROD_DATABASE_PASSWORD", "wrong"), "liquibase:updateSQL", "-Dliquibase.username=nobody",
				"-Dliquibase.password=wrong");
		assertThat(withoutRunDetails(SqlScripts.statements(withWrongCredentials)))
			.isEqualTo(withoutRunDetails(SqlScripts.statements(MIGRATE_SQL)));
	}

	private static List<String> identities(String url) {
		return History.rows(url, TestPostgres.username(), TestPostgres.password())
			.stream()
			.map((row) -> row.id() + "|" + row.author() + "|" + row.filename() + "|" + row.md5sum())
			.toList();
	}

	/** The deployment id differs from run to run; nothing else may. */
	private static List<String> withoutRunDetails(List<String> statements) {
		return statements.stream().map((sql) -> sql.replaceAll("'\\d{10}'\\)$", "'<deployment>')")).toList();
	}

}
