package com.usersservice.authoring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.usersservice.TestMariaDb;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one changelog beyond PostgreSQL (whose round trip is in migration/ChangelogTests): it applies, rolls back
 * completely (every rollback block runs) and applies again on MariaDB and H2. Context dev, so the seed data and its
 * rollback are exercised too.
 */
class ChangelogRoundTripTests {

	private static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

	@Test
	@EnabledIf(value = "com.usersservice.TestMariaDb#available", disabledReason = TestMariaDb.UNAVAILABLE)
	void onMariadb() throws Exception {
		String url = TestMariaDb.createDatabase("round_trip");
		try {
			roundTrip(url, TestMariaDb.username(), TestMariaDb.password());
		}
		finally {
			TestMariaDb.dropDatabase(url);
		}
	}

	@Test
	void onH2() throws Exception {
		roundTrip("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
	}

	private static void roundTrip(String url, String username, String password) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, username, password)) {
			Database database = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));

			run(database, new CommandScope(UpdateCommandStep.COMMAND_NAME)
				.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
				.addArgumentValue(UpdateCommandStep.CONTEXTS_ARG, "dev")
				.addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG));
			int applied = count(connection, "select count(*) from DATABASECHANGELOG");
			assertThat(applied).as("changesets applied").isPositive();
			assertThat(count(connection, "select count(*) from users")).as("seed users").isEqualTo(5);

			run(database, new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
				.addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
				.addArgumentValue(DatabaseChangelogCommandStep.CONTEXTS_ARG, "dev")
				.addArgumentValue(RollbackCountCommandStep.COUNT_ARG, applied));
			assertThat(count(connection, "select count(*) from DATABASECHANGELOG")).as("after rollback").isZero();
			assertThat(usersTableExists(connection)).as("the users table is gone").isFalse();

			run(database, new CommandScope(UpdateCommandStep.COMMAND_NAME)
				.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
				.addArgumentValue(UpdateCommandStep.CONTEXTS_ARG, "dev")
				.addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG));
			assertThat(count(connection, "select count(*) from DATABASECHANGELOG")).isEqualTo(applied);
			assertThat(count(connection, "select count(*) from users")).isEqualTo(5);
		}
	}

	private static void run(Database database, CommandScope command) throws Exception {
		Map<String, Object> scope = new HashMap<>();
		scope.put(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor());
		Scope.child(scope, () -> command.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
			.execute());
	}

	private static boolean usersTableExists(Connection connection) throws SQLException {
		try {
			count(connection, "select count(*) from users");
			return true;
		}
		catch (SQLException ex) {
			// PostgreSQL refuses every statement after an error until the transaction ends.
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
			return false;
		}
	}

	// Upper case: Liquibase creates DATABASECHANGELOG so, and MariaDB on Linux compares table names exactly.
	private static int count(Connection connection, String sql) throws SQLException {
		if (!connection.getAutoCommit()) {
			connection.commit();
		}
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
