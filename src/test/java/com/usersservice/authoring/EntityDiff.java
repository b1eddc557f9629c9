package com.usersservice.authoring;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.diff.DiffGeneratorFactory;
import liquibase.diff.DiffResult;
import liquibase.diff.compare.CompareControl;
import liquibase.diff.output.DiffOutputControl;
import liquibase.diff.output.changelog.DiffToChangeLog;
import liquibase.resource.ClassLoaderResourceAccessor;

import com.usersservice.TestPostgres;

/**
 * What the JPA entities have that the schema built from the changelog has not: the changelog is applied to a fresh
 * database on the test PostgreSQL, the entities are read by liquibase-hibernate, and Liquibase diffs the two. Only
 * real differences come back ({@link SpuriousChanges}).
 */
final class EntityDiff {

	/** Boot's naming strategies, so a field {@code phoneNumber} maps to {@code phone_number} as in the application. */
	private static final String NAMING = "&hibernate.physical_naming_strategy="
			+ "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy"
			+ "&hibernate.implicit_naming_strategy=org.springframework.boot.hibernate.SpringImplicitNamingStrategy";

	private final Path resourcesRoot;

	private final String changelog;

	private final String entityPackages;

	/**
	 * @param resourcesRoot the directory the changelog path is relative to (src/main/resources)
	 * @param changelog the master changelog, relative to {@code resourcesRoot}
	 * @param entityPackages comma-separated packages whose {@code @Entity} classes are the model
	 */
	EntityDiff(Path resourcesRoot, String changelog, String entityPackages) {
		this.resourcesRoot = resourcesRoot;
		this.changelog = changelog;
		this.entityPackages = entityPackages;
	}

	/** The changesets that would bring the changelog's schema to the entities' (unnumbered, in diff order). */
	List<ChangeSet> changeSets(ClassLoader entities) throws Exception {
		String url = TestPostgres.createDatabase("autogenerate");
		try (Connection connection = DriverManager.getConnection(url, TestPostgres.username(),
				TestPostgres.password())) {
			ChangelogUpdate.apply(connection, this.resourcesRoot, this.changelog);
			Map<String, Object> scope = new HashMap<>();
			scope.put(Scope.Attr.classLoader.name(), entities);
			return Scope.child(scope, () -> diff(connection, entities));
		}
	}

	private List<ChangeSet> diff(Connection connection, ClassLoader entities) throws Exception {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(entities);
		Database reference = null;
		try {
			Database target = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			reference = DatabaseFactory.getInstance()
				.openDatabase("hibernate:spring:" + this.entityPackages
						+ "?dialect=org.hibernate.dialect.PostgreSQLDialect" + NAMING, null, null, null,
						new ClassLoaderResourceAccessor(entities));
			DiffResult result = DiffGeneratorFactory.getInstance()
				.compare(reference, target, CompareControl.STANDARD);
			DiffOutputControl output = new DiffOutputControl(false, false, false, null);
			List<ChangeSet> changeSets = new DiffToChangeLog(result, output).generateChangeSets();
			List<ChangeSet> real = SpuriousChanges.removeFrom(changeSets);
			TypeChangeRollbacks.addTo(real, result);
			return real;
		}
		finally {
			thread.setContextClassLoader(previous);
			if (reference != null) {
				reference.close();
			}
		}
	}

}
