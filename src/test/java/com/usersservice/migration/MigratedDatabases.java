package com.usersservice.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

import com.usersservice.TestPostgres;

/** Fresh databases on the test JVM's PostgreSQL, migrated with the real changelog as prod runs it. */
public final class MigratedDatabases {

	public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

	private MigratedDatabases() {
	}

	/** A copy of one database per test JVM that Liquibase migrated with the prod context. */
	public static String create(String prefix) {
		return TestPostgres.copyDatabase(prefix, Migrated.URL);
	}

	/** Migrated on first use; nothing connects to it afterwards, so that it can be copied. */
	private static final class Migrated {

		static final String URL = migrate(TestPostgres.createDatabase("migrated_by_liquibase"));

		private static String migrate(String url) {
			try (Connection connection = connect(url)) {
				Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(),
						database(connection));
				liquibase.update(new Contexts("prod"));
			}
			catch (SQLException | LiquibaseException ex) {
				throw new IllegalStateException("Could not migrate " + url, ex);
			}
			return url;
		}

	}

	public static Connection connect(String url) throws SQLException {
		return DriverManager.getConnection(url, TestPostgres.username(), TestPostgres.password());
	}

	public static Database database(Connection connection) throws LiquibaseException {
		return DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
	}

	public static void execute(String url, String... statements) {
		try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
