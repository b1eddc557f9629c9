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

import com.usersservice.migration.fastpath.ChangesetManifestWriter;

/**
 * Changelogs parsed as Liquibase would for each database the build supports, with no database: what the build-time
 * checks look at. Liquibase drops a changeset for another dbms while it parses, so a check that must see every
 * changeset parses once per database ({@link #DATABASES}).
 */
public final class OfflineChangelogs {

	public static final String MASTER = "db/changelog/db.changelog-master.yaml";

	private OfflineChangelogs() {
	}

	/** The databases whose changesets and checksums the build records (as the start-up manifest does). */
	public static final List<String> DATABASES = ChangesetManifestWriter.DATABASES;

	public static Database postgresql(ResourceAccessor resources) throws Exception {
		return offline("postgresql", resources);
	}

	public static Database offline(String database, ResourceAccessor resources) throws Exception {
		String url = database.equals("postgresql") ? "offline:postgresql?version=15.0" : "offline:" + database;
		return DatabaseFactory.getInstance().openDatabase(url, null, null, null, resources);
	}

	/** Runs the work inside a Liquibase scope that can read the changelog's files (sqlFile included). */
	public static <T> T withChangeSets(String changelog, Work<T> work) throws Exception {
		return withChangeSets(changelog, "postgresql", work);
	}

	/** The same, for the changelog as Liquibase parses it for the named database. */
	public static <T> T withChangeSets(String changelog, String databaseName, Work<T> work) throws Exception {
		ResourceAccessor resources = new ClassLoaderResourceAccessor();
		Database database = offline(databaseName, resources);
		return Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources, "liquibase.analytics.enabled", false),
				() -> work.run(new Liquibase(changelog, resources, database).getDatabaseChangeLog().getChangeSets(),
						database));
	}

	@FunctionalInterface
	public interface Work<T> {

		T run(List<ChangeSet> changeSets, Database database) throws Exception;

	}

}
