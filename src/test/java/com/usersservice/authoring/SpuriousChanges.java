package com.usersservice.authoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import liquibase.change.Change;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.DropDefaultValueChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.changelog.ChangeSet;

/**
 * Drops what a diff of entities against a migrated database reports although no one changed anything: things the
 * database has and JPA annotations cannot express, and Liquibase's own bookkeeping.
 */
final class SpuriousChanges {

	private static final Set<String> LIQUIBASE_TABLES = Set.of("databasechangelog", "databasechangeloglock");

	private SpuriousChanges() {
	}

	static List<ChangeSet> removeFrom(List<ChangeSet> changeSets) {
		Set<String> rekeyed = rekeyedTables(changeSets);
		List<ChangeSet> kept = new ArrayList<>();
		for (ChangeSet changeSet : changeSets) {
			List<Change> real = changeSet.getChanges()
				.stream()
				.filter((change) -> !isSpurious(change) && !rekeyed.contains(primaryKeyTable(change)))
				.toList();
			if (!real.isEmpty()) {
				ChangeSet copy = new ChangeSet(changeSet.getId(), changeSet.getAuthor(), false, false, null, null, null,
						null);
				real.forEach(copy::addChange);
				kept.add(copy);
			}
		}
		return kept;
	}

	/**
	 * Tables whose primary key the diff drops and adds again: older liquibase-hibernate versions do that for every
	 * key although nothing changed.
	 */
	private static Set<String> rekeyedTables(List<ChangeSet> changeSets) {
		Set<String> dropped = new HashSet<>();
		Set<String> added = new HashSet<>();
		for (ChangeSet changeSet : changeSets) {
			for (Change change : changeSet.getChanges()) {
				if (change instanceof DropPrimaryKeyChange drop) {
					dropped.add(drop.getTableName());
				}
				else if (change instanceof AddPrimaryKeyChange add) {
					added.add(add.getTableName());
				}
			}
		}
		dropped.retainAll(added);
		return dropped;
	}

	private static String primaryKeyTable(Change change) {
		if (change instanceof DropPrimaryKeyChange drop) {
			return drop.getTableName();
		}
		return (change instanceof AddPrimaryKeyChange add) ? add.getTableName() : null;
	}

	static boolean isSpurious(Change change) {
		Object table = change.getSerializableFieldValue("tableName");
		if (table != null && LIQUIBASE_TABLES.contains(table.toString().toLowerCase(Locale.ROOT))) {
			return true;
		}
		// A column default (created_at's now) and an index the entities do not declare (the unique lower(email)
		// expression index) live only in changesets: JPA has no annotation for either, so their absence is no change.
		return change instanceof DropDefaultValueChange || change instanceof DropIndexChange;
	}

}
