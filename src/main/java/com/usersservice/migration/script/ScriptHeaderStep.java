package com.usersservice.migration.script;

import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.command.CommandOverride;
import liquibase.command.CommandResultsBuilder;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateSqlCommandStep;
import liquibase.command.core.helpers.OutputWriterCommandStep;
import liquibase.database.Database;
import liquibase.database.OfflineConnection;
import liquibase.exception.LiquibaseException;
import liquibase.executor.Executor;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;

import com.usersservice.migration.changelog.ChangelogHistory;
import com.usersservice.migration.changelog.ChangesetKey;

/**
 * Puts the {@link ScriptHeader} at the top of the script that {@code updateSQL} writes (the Maven plugin's
 * {@code ./mvnw liquibase:updateSQL}). Liquibase's output writer is the first thing an SQL command sets up, so this
 * step takes its place: it lists the pending changesets as every report here does (ChangelogHistory: same parser, the update's filters),
 * then hands over to it. Offline rollback scripts lose the CREATE TABLE of the history that Liquibase would put in
 * front of them. Other commands, and the service's own {@code update}, pass through untouched.
 */
@CommandOverride(override = OutputWriterCommandStep.class)
public class ScriptHeaderStep extends OutputWriterCommandStep {

	/** Set by the Maven plugin configuration (pom.xml): what the script is generated from and for. */
	static final String VERSION_PROPERTY = "users.sql.version";

	static final String ENVIRONMENT_PROPERTY = "users.sql.environment";

	static final String BASEDIR_PROPERTY = "users.sql.basedir";

	@Override
	public void run(CommandResultsBuilder resultsBuilder) throws Exception {
		CommandScope scope = resultsBuilder.getCommandScope();
		Database database = (Database) scope.getDependency(Database.class);
		boolean offline = database.getConnection() instanceof OfflineConnection;
		String command = scope.getCommand().getName()[0];
		boolean updateSql = UpdateSqlCommandStep.COMMAND_NAME[0].equals(command);
		boolean rollback = command.toLowerCase(Locale.ROOT).contains("rollback");
		if (!updateSql && !(offline && rollback)) {
			super.run(resultsBuilder);
			return;
		}
		// Initialise the history here, as the command would. Offline, that is the one moment Liquibase writes
		// CREATE TABLE databasechangelog: capture it, for after the header. A rollback script runs against a database
		// that has the table, so there it is dropped. A live database's history is initialised again by the command.
		ExecutorService executors = Scope.getCurrentScope().getSingleton(ExecutorService.class);
		Executor jdbc = executors.getExecutor("jdbc", database);
		StringWriter prelude = new StringWriter();
		LoggingExecutor capture = new LoggingExecutor(jdbc, prelude, database);
		executors.setExecutor("logging", database, capture);
		executors.setExecutor("jdbc", database, capture);
		ScriptHeader header = null;
		try {
			Scope.getCurrentScope()
				.getSingleton(ChangeLogHistoryServiceFactory.class)
				.getChangeLogService(database)
				.init();
			if (updateSql) {
				header = header(scope, database);
			}
		}
		finally {
			executors.setExecutor("jdbc", database, jdbc);
		}
		super.run(resultsBuilder);
		if (header != null) {
			Writer writer = (Writer) scope.getDependency(Writer.class);
			writer.write(header.text());
			if (offline) {
				writer.write(prelude.toString());
			}
			writer.flush();
		}
	}

	private static ScriptHeader header(CommandScope scope, Database database) throws LiquibaseException {
		String contexts = scope.getArgumentValue(UpdateSqlCommandStep.CONTEXTS_ARG);
		Contexts runContexts = new Contexts(contexts);
		LabelExpression labels = new LabelExpression(scope.getArgumentValue(UpdateSqlCommandStep.LABEL_FILTER_ARG));
		DatabaseChangeLog changeLog = parse(scope.getArgumentValue(UpdateSqlCommandStep.CHANGELOG_FILE_ARG),
				database);
		// The same comparison as every other report of what is pending, with the update's own filters; the history
		// is the live database's, or offline the CSV file the URL names.
		ChangelogHistory history = ChangelogHistory.read(changeLog, database, runContexts, labels);
		List<ChangeSet> pending = history.toRun();
		int applied = history.status().applied();
		return new ScriptHeader(SourceVersion.describe(System.getProperty(BASEDIR_PROPERTY, "."),
				System.getProperty(VERSION_PROPERTY, "unknown")), dialect(database),
				environment(database, applied), (contexts == null || contexts.isBlank()) ? "(all)" : contexts,
				pending.stream().map((changeSet) -> ChangesetKey.of(changeSet).toString()).toList(),
				ChangesetReview.of(pending, changeLog.getChangeSets(), database));
	}

	private static DatabaseChangeLog parse(String changelogFile, Database database) throws LiquibaseException {
		ResourceAccessor resources = Scope.getCurrentScope().getResourceAccessor();
		return ChangeLogParserFactory.getInstance()
			.getParser(changelogFile, resources)
			.parse(changelogFile, new ChangeLogParameters(database), resources);
	}

	private static String dialect(Database database) throws LiquibaseException {
		return database.getShortName() + " " + database.getDatabaseMajorVersion() + "."
				+ database.getDatabaseMinorVersion();
	}

	private static String environment(Database database, int applied) {
		String name = System.getProperty(ENVIRONMENT_PROPERTY, "offline");
		String history = applied + " changesets already applied";
		if (database.getConnection() instanceof OfflineConnection) {
			return name + " (no database connection; history file: " + historyFile(database) + ", " + history + ")";
		}
		// The URL is not printed: it may carry credentials.
		return name + " (live database, read-only; " + history + "; only the pending changesets follow)";
	}

	private static String historyFile(Database database) {
		String url = database.getConnection().getURL();
		for (String parameter : url.substring(url.indexOf('?') + 1).split("&")) {
			if (parameter.startsWith("changeLogFile=")) {
				return parameter.substring("changeLogFile=".length());
			}
		}
		return "databasechangelog.csv";
	}

}
