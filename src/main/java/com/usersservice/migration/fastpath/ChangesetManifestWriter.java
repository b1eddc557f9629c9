package com.usersservice.migration.fastpath;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import liquibase.ChecksumVersion;
import liquibase.ContextExpression;
import liquibase.Labels;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.precondition.Precondition;
import liquibase.precondition.PreconditionLogic;
import liquibase.database.DatabaseFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;

import com.usersservice.migration.changelog.ChangesetKey;

/**
 * Writes {@link ChangesetManifest} for the compiled changelog. Run by the build ({@code process-classes}), never by
 * the service: {@code java ChangesetManifestWriter <classes directory>}.
 */
public final class ChangesetManifestWriter {

	/** Databases whose checksums the manifest carries; a start-up on any other always runs Liquibase. */
	public static final List<String> DATABASES = List.of("postgresql", "mariadb", "mysql", "h2");

	private static final String MASTER = "db/changelog/db.changelog-master.yaml";

	private ChangesetManifestWriter() {
	}

	public static void main(String[] args) throws Exception {
		Path classes = Path.of(args[0]);
		ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
		ChangesetManifest manifest = new ChangesetManifest(MASTER, ChangesetManifest.hashChangelogFiles(classLoader),
				entries(new ClassLoaderResourceAccessor(classLoader), MASTER));
		Path target = classes.resolve(ChangesetManifest.LOCATION);
		Files.createDirectories(target.getParent());
		Files.writeString(target, manifest.text(), StandardCharsets.UTF_8);
		System.out.println("[users-service] " + manifest.entries().size() + " changesets in " + target);
	}

	static List<ChangesetManifest.Entry> entries(ResourceAccessor resources, String master) throws Exception {
		Map<ChangesetKey, ChangesetManifest.Entry> entries = new LinkedHashMap<>();
		for (String name : DATABASES) {
			Database database = DatabaseFactory.getInstance().openDatabase("offline:" + name, null, null, null, resources);
			Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(), resources,
					"liquibase.analytics.enabled", false);
			DatabaseChangeLog changeLog = Scope.child(scope,
					() -> new Liquibase(master, resources, database).getDatabaseChangeLog());
			boolean changelogPreconditions = hasPreconditions(changeLog.getPreconditions());
			for (ChangeSet changeSet : changeLog.getChangeSets()) {
				ChangesetKey key = ChangesetKey.of(changeSet);
				ChangesetManifest.Entry entry = entries.computeIfAbsent(key,
						(k) -> entry(changeSet, changelogPreconditions));
				entry.checksums().put(name, Scope.child(scope,
						() -> changeSet.generateCheckSum(ChecksumVersion.latest()).toString()));
			}
		}
		return new ArrayList<>(entries.values());
	}

	private static ChangesetManifest.Entry entry(ChangeSet changeSet, boolean changelogPreconditions) {
		boolean inherited = changeSet.getInheritableContextFilter().stream().anyMatch((filter) -> !filter.isEmpty())
				|| changeSet.getInheritableLabels().stream().anyMatch((labels) -> !labels.isEmpty());
		boolean preconditions = hasPreconditions(changeSet.getPreconditions());
		boolean reusable = !changeSet.isAlwaysRun() && !changeSet.isRunOnChange() && !changelogPreconditions
				&& !preconditions && !inherited;
		return new ChangesetManifest.Entry(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath(),
				contexts(changeSet.getContextFilter()), labels(changeSet.getLabels()), String.join(",", dbms(changeSet)),
				reusable, new LinkedHashMap<>());
	}

	/** Whether any real precondition hides in this tree (includes add empty containers of their own). */
	private static boolean hasPreconditions(Precondition precondition) {
		if (precondition == null) {
			return false;
		}
		if (precondition instanceof PreconditionLogic logic) {
			return logic.getNestedPreconditions().stream().anyMatch(ChangesetManifestWriter::hasPreconditions);
		}
		return true;
	}

	private static List<String> dbms(ChangeSet changeSet) {
		return (changeSet.getDbmsSet() != null) ? changeSet.getDbmsSet().stream().sorted().toList() : List.of();
	}

	private static String contexts(ContextExpression filter) {
		return (filter == null || filter.isEmpty()) ? ""
				: (filter.getOriginalString() != null) ? filter.getOriginalString() : filter.toString();
	}

	private static String labels(Labels labels) {
		return (labels == null || labels.isEmpty()) ? "" : labels.toString();
	}

}
