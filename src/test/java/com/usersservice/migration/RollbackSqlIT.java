package com.usersservice.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.usersservice.TestPostgres;
import liquibase.command.CommandScope;
import liquibase.command.core.TagCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.exception.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import static org.assertj.core.api.Assertions.assertThat;

/** Rollback SQL with the same switches: future rollback offline, by count and to a tag against an environment. */
@ResourceLock(MavenLiquibase.LIQUIBASE)
class RollbackSqlIT {

	private static final String USERNAME = TestPostgres.username();

	private static final String PASSWORD = TestPostgres.password();

	@Test
	void theFutureRollbackScriptTakesAMigratedDatabaseBackToEmpty() throws IOException {
		Path migrate = MavenLiquibase.documentedMigrateSql();
		Path futureRollback = MavenLiquibase.sql("future-rollback", Map.of(), "liquibase:futureRollbackSQL");
		String url = TestPostgres.createDatabase("dba_future_rollback");
		SqlScripts.applyToPostgres(migrate, url, USERNAME, PASSWORD);
		assertThat(History.applicationTables(url, USERNAME, PASSWORD)).contains("users");

		SqlScripts.applyToPostgres(futureRollback, url, USERNAME, PASSWORD);

		assertThat(History.applicationTables(url, USERNAME, PASSWORD)).as("tables, indexes, sequences left").isEmpty();
		assertThat(History.rows(url, USERNAME, PASSWORD)).as("changesets still recorded").isEmpty();
	}

	@Test
	void rollbackByCountWritesRollbackSqlBesideTheMigrateScript() throws IOException {
		String url = TestPostgres.createDatabase("dba_rollback_count");
		History.applyFirst(2, url, USERNAME, PASSWORD);
		Path rollback = MavenLiquibase.BASEDIR.resolve("target/liquibase/rollback.sql");
		Files.deleteIfExists(rollback);

		// The documented command, output file included.
		MavenLiquibase.run("rollbackSQL-count", MavenLiquibase.environment("prod", url, USERNAME, PASSWORD),
				"liquibase:rollbackSQL", "-Denv=prod", "-Dliquibase.rollbackCount=1");

		assertThat(rollback).exists();
		assertThat(History.rows(url, USERNAME, PASSWORD)).as("generating changed nothing").hasSize(2);
		SqlScripts.applyToPostgres(rollback, url, USERNAME, PASSWORD);
		assertThat(History.rows(url, USERNAME, PASSWORD)).extracting(History.Row::id)
			.containsExactly("20261130-0001-1");
		assertThat(History.applicationTables(url, USERNAME, PASSWORD)).contains("users")
			.doesNotContain("users_email_lower_uq");
	}

	@Test
	void rollbackToATagUndoesWhatCameAfterIt() throws CommandExecutionException {
		String url = TestPostgres.createDatabase("dba_rollback_tag");
		History.applyFirst(1, url, USERNAME, PASSWORD);
		new CommandScope(TagCommandStep.COMMAND_NAME)
			.addArgumentValue(DbUrlConnectionArgumentsCommandStep.URL_ARG, url)
			.addArgumentValue(DbUrlConnectionArgumentsCommandStep.USERNAME_ARG, USERNAME)
			.addArgumentValue(DbUrlConnectionArgumentsCommandStep.PASSWORD_ARG, PASSWORD)
			.addArgumentValue(TagCommandStep.TAG_ARG, "v1")
			.execute();
		History.applyFirst(1, url, USERNAME, PASSWORD);
		assertThat(History.rows(url, USERNAME, PASSWORD)).hasSize(2);

		Path rollback = MavenLiquibase.sql("rollbackSQL-tag",
				MavenLiquibase.environment("prod", url, USERNAME, PASSWORD), "liquibase:rollbackSQL", "-Denv=prod",
				"-Dliquibase.rollbackTag=v1");

		SqlScripts.applyToPostgres(rollback, url, USERNAME, PASSWORD);
		assertThat(History.rows(url, USERNAME, PASSWORD)).extracting(History.Row::id)
			.containsExactly("20261130-0001-1");
	}

}
