package com.usersservice.migration.classify;

import java.util.LinkedHashMap;
import java.util.Map;

import liquibase.changelog.ChangeSet;
import org.junit.jupiter.api.Test;

import com.usersservice.migration.OfflineChangelogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The build fails on a destructive changeset that lacks the label {@code approved-destructive}; the fixture changelog
 * shows that each kind of destructive change is caught and named, and that widening or harmless ones are not.
 */
class DestructiveChangeLintTest {

	@Test
	void everyDestructiveChangesetOfTheChangelogIsApproved() throws Exception {
		for (String database : OfflineChangelogs.DATABASES) {
			assertThat(unapproved(OfflineChangelogs.MASTER, database)).as("Destructive changesets for %s without the "
					+ "label approved-destructive (add 'labels: approved-destructive' once reviewed, see "
					+ "docs/migration-safety.md)", database)
				.isEmpty();
		}
	}

	@Test
	void aChangesetForAnotherDatabaseIsLintedToo() throws Exception {
		// Liquibase drops a changeset for another dbms while it parses: only a parse for that database sees it.
		String changelog = "db/fixtures/destructive-other-dbms-changelog.yaml";
		assertThat(unapproved(changelog, "postgresql")).isEmpty();
		assertThat(unapproved(changelog, "mariadb")).containsOnly(entry("mariadb-drop", "drops column things.note"));
	}

	@Test
	void namesEachKindOfUnapprovedDestructiveChange() throws Exception {
		assertThat(unapproved("db/fixtures/destructive-changelog.yaml")).containsOnly(
				entry("drop-column", "drops column things.note"), entry("drop-index", "drops index things_label_idx"),
				entry("drop-unique", "drops unique constraint things_code_uq"),
				entry("drop-fk", "drops foreign key parts_thing_fk"),
				entry("drop-pk", "drops the primary key of things"),
				entry("narrow-type",
						"changes the type of things.label from varchar(50) to varchar(20) (not a provable widening)"),
				entry("raw-truncate", "runs SQL: TRUNCATE TABLE parts"),
				entry("raw-alter-type", "runs SQL: ALTER TABLE things ALTER COLUMN amount TYPE integer"),
				entry("drop-table", "drops table things"));
	}

	/** Each unapproved destructive changeset by id, with what makes it destructive. */
	static Map<String, String> unapproved(String changelog) throws Exception {
		return unapproved(changelog, "postgresql");
	}

	static Map<String, String> unapproved(String changelog, String databaseName) throws Exception {
		return OfflineChangelogs.withChangeSets(changelog, databaseName, (changeSets, database) -> {
			ChangeClassifier classifier = new ChangeClassifier(database, (creator, changeSet) -> false);
			Map<String, String> found = new LinkedHashMap<>();
			for (ChangeSet changeSet : changeSets) {
				Classification classification = classifier.classify(changeSet);
				if (classification.needsApproval()) {
					found.put(changeSet.getId(), String.join("; ", classification.destructiveReasons()));
				}
			}
			return found;
		});
	}

}
