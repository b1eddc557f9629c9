package com.usersservice.authoring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * A scratch database for the rename recipe (db/recipes/rename-column): Liquibase's update and rollback commands with
 * a label filter, as a deployment runs them, and plain SQL to look at what they left.
 */
record RecipeDatabase(String url, String username, String password) {

	static final String CHANGELOG = "db/recipes/rename-column/changelog.yaml";

	/** What release N-1's changelog holds: the table before the rename. */
	static final String PREVIOUS_RELEASE = "db/recipes/rename-column/changes/20261220-0001-create-customers.yaml";

	boolean postgres() {
		return this.url.startsWith("jdbc:postgresql:");
	}

	/** Runs Liquibase's update with {@code labelFilter}; returns the ids of the changesets it applied, in order. */
	List<String> update(String labelFilter) throws Exception {
		return update(CHANGELOG, labelFilter);
	}

	List<String> update(String changelog, String labelFilter) throws Exception {
		List<String> before = historyExists() ? appliedIds() : List.of();
		run(new CommandScope(UpdateCommandStep.COMMAND_NAME)
			.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
			.addArgumentValue(UpdateCommandStep.LABEL_FILTER_ARG, labelFilter)
			.addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG));
		List<String> applied = new ArrayList<>(appliedIds());
		applied.removeAll(before);
		return applied;
	}

	/** Rolls back the {@code count} changesets applied last, each through its rollback. */
	void rollback(int count) throws Exception {
		run(new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
			.addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
			.addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count));
	}

	// Upper case: Liquibase creates it so on MariaDB, which compares table names exactly; PostgreSQL folds it.
	List<String> appliedIds() {
		return column("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED");
	}

	private boolean historyExists() throws SQLException {
		try (Connection connection = connect();
				ResultSet tables = connection.getMetaData()
					.getTables(connection.getCatalog(), null, "%", new String[] { "TABLE" })) {
			while (tables.next()) {
				if ("databasechangelog".equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
					return true;
				}
			}
			return false;
		}
	}

	boolean hasColumn(String name) {
		String schema = postgres() ? "current_schema()" : "database()";
		return !column("SELECT column_name FROM information_schema.columns WHERE table_schema = " + schema
				+ " AND table_name = 'customers' AND column_name = '" + name + "'")
			.isEmpty();
	}

	int triggers() {
		String schema = postgres() ? "current_schema()" : "database()";
		return Integer.parseInt(column("SELECT count(*) FROM information_schema.triggers WHERE trigger_schema = "
				+ schema + " AND event_object_table = 'customers'")
			.get(0));
	}

	/** {@code nickname|display_name} of every row but the backfill's bulk, by id. */
	List<String> pairs() {
		return column("SELECT concat(nickname, '|', display_name) FROM customers WHERE nickname NOT LIKE 'bulk %' "
				+ "ORDER BY id");
	}

	List<String> column(String query) {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(query)) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(query + ": " + ex.getMessage(), ex);
		}
	}

	void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.username, this.password);
	}

	private void run(CommandScope command) throws Exception {
		try (Connection connection = connect()) {
			Database database = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			Scope.child(Map.of("liquibase.analytics.enabled", false, Scope.Attr.resourceAccessor.name(),
					new ClassLoaderResourceAccessor()),
					() -> command.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
						.execute());
		}
	}

}
