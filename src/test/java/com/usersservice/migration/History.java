package com.usersservice.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.exception.CommandExecutionException;

import static org.assertj.core.api.Assertions.fail;

/**
 * A database's DATABASECHANGELOG (PostgreSQL folds the unquoted name to lower case; MariaDB on Linux keeps it as
 * written, in upper case as Liquibase creates it), and Liquibase run on it as the service runs it.
 */
final class History {

	static final String MASTER = "db/changelog/db.changelog-master.yaml";

	private History() {
	}

	record Row(String id, String author, String filename, String md5sum, String deploymentId) {
	}

	static List<Row> rows(String url, String username, String password) {
		try (Connection connection = DriverManager.getConnection(url, username, password);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT ID, AUTHOR, FILENAME, MD5SUM, DEPLOYMENT_ID"
						+ " FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED")) {
			List<Row> result = new ArrayList<>();
			while (rows.next()) {
				result.add(new Row(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
						rows.getString(5)));
			}
			return result;
		}
		catch (SQLException ex) {
			return fail("Could not read DATABASECHANGELOG of " + url, ex);
		}
	}

	/** The first {@code count} changesets of the prod context, applied the way the service applies them. */
	static void applyFirst(int count, String url, String username, String password) {
		System.setProperty("liquibase.analytics.enabled", "false");
		try {
			new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
				.addArgumentValue(DbUrlConnectionArgumentsCommandStep.URL_ARG, url)
				.addArgumentValue(DbUrlConnectionArgumentsCommandStep.USERNAME_ARG, username)
				.addArgumentValue(DbUrlConnectionArgumentsCommandStep.PASSWORD_ARG, password)
				.addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, MASTER)
				.addArgumentValue(UpdateCountCommandStep.CONTEXTS_ARG, "prod")
				.addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count)
				.execute();
		}
		catch (CommandExecutionException ex) {
			fail("Could not apply the first " + count + " changesets to " + url, ex);
		}
	}

	/** Schema objects other than Liquibase's own tables: none once everything is rolled back. */
	static List<String> applicationTables(String url, String username, String password) {
		try (Connection connection = DriverManager.getConnection(url, username, password);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT relname FROM pg_class c"
						+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
						+ " AND c.relkind IN ('r', 'i', 'v', 'S') AND relname NOT LIKE 'databasechangelog%'"
						+ " ORDER BY relname")) {
			List<String> names = new ArrayList<>();
			while (rows.next()) {
				names.add(rows.getString(1));
			}
			return names;
		}
		catch (SQLException ex) {
			return fail("Could not list the tables of " + url, ex);
		}
	}

}
