package com.usersservice.migration;

import java.util.List;
import java.util.Map;

import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;

/** Changelogs parsed as Liquibase would for PostgreSQL, with no database: what the build-time checks look at. */
public final class OfflineChangelogs {

	public static final String MASTER = "db/changelog/db.changelog-master.yaml";

	private OfflineChangelogs() {
	}

	public static Database postgresql(ResourceAccessor resources) throws Exception {
		return DatabaseFactory.getInstance().openDatabase("offline:postgresql?version=15.0", null, null, null, resources);
	}

	/** Runs the work inside a Liquibase scope that can read the changelog's files (sqlFile included). */
	public static <T> T withChangeSets(String changelog, Work<T> work) throws Exception {
		ResourceAccessor resources = new ClassLoaderResourceAccessor();
		Database database = postgresql(resources);
		return Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources, "liquibase.analytics.enabled", false),
				() -> work.run(new Liquibase(changelog, resources, database).getDatabaseChangeLog().getChangeSets(),
						database));
	}

	@FunctionalInterface
	public interface Work<T> {

		T run(List<ChangeSet> changeSets, Database database) throws Exception;

	}

}
