package com.usersservice.migration.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.changelog.ChangeSet;
import org.junit.jupiter.api.Test;

import com.usersservice.migration.OfflineChangelogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The build fails on a changeset that blocks writes to a table an earlier release created, unless it carries the label
 * {@code approved-blocking}, and on one that cannot run as written (CONCURRENTLY inside a transaction), whatever its
 * labels. The build cannot know what each environment has applied, so it takes the change files of one day
 * ({@code <yyyyMMdd>-<nnnn>-<intent>.yaml}) as one release: a table they create is new for each of them. At runtime
 * the guard knows exactly which changesets are pending (BlockingChangeWarningTests).
 */
class BlockingChangeLintTest {

	private static final String FIXTURE = "db/fixtures/blocking/changelog.yaml";

	private static final Pattern DAY = Pattern.compile("(?:.*/)?(\\d{8})-\\d{4}-[^/]*$");

	@Test
	void theChangelogHasNoUnapprovedBlockingChangeAndNothingThatCannotRun() throws Exception {
		// Approved ones are printed, so that the build log still shows what will block when it is deployed.
		findings(OfflineChangelogs.MASTER, true)
			.forEach((id, text) -> System.out.println("Blocks writes when deployed: " + id + ": " + text));
		assertThat(findings(OfflineChangelogs.MASTER, false)).as("Changesets that block writes to an existing table "
				+ "or cannot run as written (use the safer pattern each line names, or add 'labels: approved-blocking' "
				+ "once reviewed; see docs/writing-migrations.md, \"Large tables\")")
			.isEmpty();
	}

	@Test
	void namesEachBlockingFormAndTheSaferPattern() throws Exception {
		assertThat(findings(FIXTURE, false)).containsExactly(
				entry("plain-index", "createIndex things_counter_idx blocks writes to things until the index is built; "
						+ "instead: CREATE INDEX CONCURRENTLY in a sql change, in a changeset of its own with "
						+ "runInTransaction: false"),
				entry("direct-not-null", "addNotNullConstraint on things.code reads every row under an ACCESS "
						+ "EXCLUSIVE lock (no reads, no writes); instead: CHECK (code IS NOT NULL) NOT VALID, VALIDATE "
						+ "CONSTRAINT in a changeset of its own, then addNotNullConstraint (no scan) and drop the check"),
				entry("volatile-default", "addColumn things.checked_at with defaultValueComputed clock_timestamp() (not "
						+ "a known constant or stable expression) rewrites every row under an ACCESS EXCLUSIVE lock; "
						+ "instead: add it with a constant default or none (no rewrite), then fill it in batches"),
				entry("serial-column", "addColumn things.position with autoIncrement (a sequence default per row) "
						+ "rewrites every row under an ACCESS EXCLUSIVE lock; instead: add it with a constant default "
						+ "or none (no rewrite), then fill it in batches"),
				entry("rewriting-type", "modifyDataType things.counter to bigint rewrites the table and its indexes "
						+ "under an ACCESS EXCLUSIVE lock; instead: a new column filled in batches, then a switch-over"),
				entry("validated-fk", "addForeignKeyConstraint parts_thing_fk checks every row of parts while writes to "
						+ "parts and things wait; instead: addForeignKeyConstraint with validate: false (NOT VALID), then "
						+ "ALTER TABLE ... VALIDATE CONSTRAINT in a sql changeset of its own"),
				entry("concurrently-in-transaction", "runs CREATE INDEX CONCURRENTLY things_amount_idx ON things "
						+ "(amount) inside a transaction, which PostgreSQL refuses; instead: runInTransaction: false on "
						+ "a changeset of its own"));
	}

	@Test
	void theLabelApprovesABlockingChangeButNotOneThatCannotRun() throws Exception {
		Map<String, String> all = findings(FIXTURE, true);
		assertThat(all).containsKey("approved-index");
		assertThat(findings(FIXTURE, false)).doesNotContainKey("approved-index");
	}

	/**
	 * The blocking (or impossible) changes by changeset id: unapproved ones and those that cannot run, or with
	 * {@code all} every one.
	 */
	static Map<String, String> findings(String changelog, boolean all) throws Exception {
		return OfflineChangelogs.withChangeSets(changelog, (changeSets, database) -> {
			ChangeClassifier classifier = new ChangeClassifier(database, BlockingChangeLintTest::sameRelease);
			Map<String, String> found = new LinkedHashMap<>();
			for (ChangeSet changeSet : changeSets) {
				Classification classification = classifier.classify(changeSet);
				List<BlockingFinding> findings = classification.blocking()
					.stream()
					.filter((finding) -> all || finding.fails() || !classification.blockingApproved())
					.toList();
				if (!findings.isEmpty()) {
					found.put(changeSet.getId(),
							String.join(" | ", findings.stream().map(BlockingFinding::text).toList()));
				}
			}
			return found;
		});
	}

	/** The same change file, or change files of the same day: one release, as far as the build can tell. */
	static boolean sameRelease(ChangeSet creator, ChangeSet changeSet) {
		if (creator.getFilePath().equals(changeSet.getFilePath())) {
			return true;
		}
		Matcher created = DAY.matcher(creator.getFilePath());
		Matcher changed = DAY.matcher(changeSet.getFilePath());
		return created.matches() && changed.matches() && created.group(1).equals(changed.group(1));
	}

}
