package com.usersservice.authoring;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;

import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;

/** Applies a changelog from a directory (the real one, or a scratch copy) to a database, quietly. */
final class ChangelogUpdate {

	private ChangelogUpdate() {
	}

	/** Context "test": the schema every environment gets, without the dev seed data. */
	static void apply(Connection connection, Path resourcesRoot, String changelog) throws Exception {
		Database database = DatabaseFactory.getInstance()
			.findCorrectDatabaseImplementation(new JdbcConnection(connection));
		try (DirectoryResourceAccessor resources = new DirectoryResourceAccessor(resourcesRoot)) {
			Map<String, Object> scope = new HashMap<>();
			scope.put(Scope.Attr.resourceAccessor.name(), resources);
			// To the log, not the console: what a developer reads is the outcome.
			scope.put(Scope.Attr.ui.name(), new LoggerUIService());
			Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
				.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
				.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
				.addArgumentValue(UpdateCommandStep.CONTEXTS_ARG, "test")
				.addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
				.execute());
		}
	}

}
