package com.usersservice.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import liquibase.integration.spring.SpringResourceAccessor;

import org.springframework.core.io.DefaultResourceLoader;

/**
 * Opens the changelog exactly as Spring Boot's {@link SpringLiquibase} bean will run it (same file, contexts, labels,
 * schemas and history tables), on a connection of the caller's choosing, to look without applying anything.
 */
final class ChangelogInspector {

	private final SpringLiquibase settings;

	ChangelogInspector(SpringLiquibase settings) {
		this.settings = settings;
	}

	Contexts contexts() {
		return new Contexts(this.settings.getContexts());
	}

	LabelExpression labels() {
		return new LabelExpression(this.settings.getLabelFilter());
	}

	String historyTable() {
		return (this.settings.getDatabaseChangeLogTable() != null) ? this.settings.getDatabaseChangeLogTable()
				: "databasechangelog";
	}

	String lockTable() {
		return (this.settings.getDatabaseChangeLogLockTable() != null) ? this.settings.getDatabaseChangeLogLockTable()
				: "databasechangeloglock";
	}

	/** The history table as a query names it: in the Liquibase schema when one is set. */
	String qualifiedHistoryTable() {
		String table = (this.settings.getDatabaseChangeLogTable() != null) ? this.settings.getDatabaseChangeLogTable()
				: "DATABASECHANGELOG";
		String schema = (this.settings.getLiquibaseSchema() != null) ? this.settings.getLiquibaseSchema()
				: this.settings.getDefaultSchema();
		return (schema != null) ? schema + "." + table : table;
	}

	/** Whether the build's manifest proves nothing is to be done, without starting Liquibase. */
	StartupFastPath.Verdict fastPath(StartupFastPath fastPath) {
		return fastPath.check(this.settings.getDataSource(), this.settings.getChangeLog(), this.settings.getContexts(),
				this.settings.getLabelFilter(), qualifiedHistoryTable());
	}

	<T> T inspect(DataSource dataSource, Inspection<T> inspection) {
		try (Connection connection = dataSource.getConnection()) {
			Database database = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			database.setDefaultSchemaName(this.settings.getDefaultSchema());
			database.setLiquibaseSchemaName(this.settings.getLiquibaseSchema());
			database.setLiquibaseTablespaceName(this.settings.getLiquibaseTablespace());
			if (this.settings.getDatabaseChangeLogTable() != null) {
				database.setDatabaseChangeLogTableName(this.settings.getDatabaseChangeLogTable());
			}
			if (this.settings.getDatabaseChangeLogLockTable() != null) {
				database.setDatabaseChangeLogLockTableName(this.settings.getDatabaseChangeLogLockTable());
			}
			SpringResourceAccessor resources = new SpringResourceAccessor((this.settings.getResourceLoader() != null)
					? this.settings.getResourceLoader() : new DefaultResourceLoader());
			Liquibase liquibase = new Liquibase(this.settings.getChangeLog(), resources, database);
			// Looking is not a Liquibase command run: keep it from reporting analytics.
			return Scope.child(Map.of("liquibase.analytics.enabled", false, Scope.Attr.resourceAccessor.name(),
					resources), () -> inspection.inspect(liquibase));
		}
		catch (SQLException ex) {
			throw new MigrationRefusedException(
					"Could not read the migration history: " + LiquibaseFailureAnalyzer.oneLine(ex),
					"Check that the database is reachable with the configured URL and credentials.");
		}
		catch (MigrationRefusedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new MigrationRefusedException(
					"Could not read the changelog or the migration history: " + LiquibaseFailureAnalyzer.oneLine(ex),
					"Check the changelog and that the database is reachable with the configured credentials.");
		}
	}

	@FunctionalInterface
	interface Inspection<T> {

		T inspect(Liquibase liquibase) throws LiquibaseException, SQLException;

	}

}
