package com.usersservice.migration.changelog;

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

import com.usersservice.migration.failure.FailureMessages;
import com.usersservice.migration.failure.MigrationRefusedException;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;

/**
 * Opens the changelog exactly as Spring Boot's {@link SpringLiquibase} bean will run it (same file, contexts, labels,
 * schemas and history tables), on a connection of the caller's choosing, to look without applying anything.
 */
public final class ChangelogInspector {

	private final SpringLiquibase settings;

	public ChangelogInspector(SpringLiquibase settings) {
		this.settings = settings;
	}

	public Contexts contexts() {
		return new Contexts(this.settings.getContexts());
	}

	public LabelExpression labels() {
		return new LabelExpression(this.settings.getLabelFilter());
	}


	public String lockTable() {
		return (this.settings.getDatabaseChangeLogLockTable() != null) ? this.settings.getDatabaseChangeLogLockTable()
				: "databasechangeloglock";
	}

	/** The history table as a query names it: in the Liquibase schema when one is set. */
	public String qualifiedHistoryTable() {
		String table = (this.settings.getDatabaseChangeLogTable() != null) ? this.settings.getDatabaseChangeLogTable()
				: "DATABASECHANGELOG";
		String schema = (this.settings.getLiquibaseSchema() != null) ? this.settings.getLiquibaseSchema()
				: this.settings.getDefaultSchema();
		return (schema != null) ? schema + "." + table : table;
	}

	/** The data source Liquibase migrates with (its own credentials where they differ from the service's). */
	public DataSource dataSource() {
		return this.settings.getDataSource();
	}

	/** The changelog location as configured, for instance {@code classpath:db/changelog/db.changelog-master.yaml}. */
	public String changelog() {
		return this.settings.getChangeLog();
	}

	public String contextList() {
		return this.settings.getContexts();
	}

	public String labelFilter() {
		return this.settings.getLabelFilter();
	}

	/** The class loader the changelog is read from. */
	public ClassLoader classLoader() {
		ResourceLoader loader = this.settings.getResourceLoader();
		return (loader != null && loader.getClassLoader() != null) ? loader.getClassLoader()
				: ChangelogInspector.class.getClassLoader();
	}

	/** The changelog beside the history of the database behind the connection, with this run's filters. */
	public ChangelogHistory history(Liquibase liquibase) throws LiquibaseException {
		return ChangelogHistory.read(liquibase.getDatabaseChangeLog(), liquibase.getDatabase(), contexts(),
				labels());
	}

	/** Where the database stands against the changelog, read on a connection of the data source. */
	public MigrationStatus status(DataSource dataSource) {
		return inspect(dataSource, (liquibase) -> history(liquibase).status());
	}

	public <T> T inspect(DataSource dataSource, Inspection<T> inspection) {
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
					"Could not read the migration history: " + FailureMessages.summary(ex),
					"Check that the database is reachable with the configured URL and credentials.", ex);
		}
		catch (MigrationRefusedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new MigrationRefusedException(
					"Could not read the changelog or the migration history: " + FailureMessages.summary(ex),
					"Check the changelog and that the database is reachable with the configured credentials.", ex);
		}
	}

	@FunctionalInterface
	public interface Inspection<T> {

		T inspect(Liquibase liquibase) throws LiquibaseException, SQLException;

	}

}
