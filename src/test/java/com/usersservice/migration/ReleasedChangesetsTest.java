package com.usersservice.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Released history is immutable: {@code db/changelog/released-changesets.csv} records every changeset with its
 * checksum, and the build fails when a recorded one changes or disappears, or when a changeset is not recorded yet.
 * {@code ./mvnw -B test -Dtest=ReleasedChangesetsTest -Dreleased.update=true} appends the unrecorded ones (it never
 * rewrites a recorded line).
 */
class ReleasedChangesetsTest {

	static final Path RELEASED = Path.of("src/main/resources/db/changelog/released-changesets.csv");

	static final String UPDATE = "./mvnw -B test -Dtest=ReleasedChangesetsTest -Dreleased.update=true";

	@Test
	void releasedChangesetsAreUnchangedAndEveryChangesetIsRecorded() throws Exception {
		OfflineChangelogs.withChangeSets(OfflineChangelogs.MASTER, (changeSets, database) -> {
			List<ReleasedChangesets.Entry> released = ReleasedChangesets.read(RELEASED);
			assertThat(ReleasedChangesets.violations(released, changeSets)).as(RELEASED.toString()).isEmpty();
			List<ReleasedChangesets.Entry> unreleased = ReleasedChangesets.unreleased(released, changeSets);
			if (Boolean.getBoolean("released.update") && !unreleased.isEmpty()) {
				Files.writeString(RELEASED, unreleased.stream()
					.map((entry) -> entry.line() + "\n")
					.collect(Collectors.joining()), StandardOpenOption.APPEND);
				unreleased = List.of();
			}
			assertThat(unreleased).as("Changesets missing from %s: record them with `%s` and commit the file",
					RELEASED, UPDATE)
				.isEmpty();
			return null;
		});
	}

	@Test
	void anEditedReleasedChangesetFailsWithWhatToDo() throws Exception {
		OfflineChangelogs.withChangeSets("db/fixtures/destructive-changelog.yaml", (changeSets, database) -> {
			ReleasedChangesets.Entry dropColumn = ReleasedChangesets.Entry.of(changeSets.get(1));
			ReleasedChangesets.Entry edited = new ReleasedChangesets.Entry(dropColumn.id(), dropColumn.author(),
					dropColumn.file(), "9:00000000000000000000000000000000");
			ReleasedChangesets.Entry removed = new ReleasedChangesets.Entry("gone-1", "tests",
					"db/fixtures/destructive-changelog.yaml", "9:11111111111111111111111111111111");
			assertThat(ReleasedChangesets.violations(List.of(ReleasedChangesets.Entry.of(changeSets.get(0)), edited,
					removed), changeSets))
				.containsExactly("Changeset drop-column (db/fixtures/destructive-changelog.yaml) has changed since it "
						+ "was released (checksum 9:00000000000000000000000000000000, now " + dropColumn.checksum()
						+ "): restore it and add a new changeset instead",
						"Changeset gone-1 (db/fixtures/destructive-changelog.yaml, tests) was released but is no "
								+ "longer in the changelog: restore it; to undo it, add a new changeset");
			assertThat(ReleasedChangesets.unreleased(List.of(dropColumn), changeSets)).hasSize(changeSets.size() - 1);
			return null;
		});
	}

	@Test
	void checksumsAreLiquibasesOwnForPostgresql() throws Exception {
		// The recorded value is what Liquibase writes to DATABASECHANGELOG.MD5SUM when it applies the changeset.
		String url = MigratedDatabases.create("released");
		List<ReleasedChangesets.Entry> released = ReleasedChangesets.read(RELEASED);
		try (var connection = MigratedDatabases.connect(url);
				var statement = connection.createStatement();
				var applied = statement.executeQuery("select id, md5sum from databasechangelog")) {
			int compared = 0;
			while (applied.next()) {
				String id = applied.getString("id");
				String md5sum = applied.getString("md5sum");
				assertThat(released).filteredOn((entry) -> entry.id().equals(id))
					.singleElement()
					.extracting(ReleasedChangesets.Entry::checksum)
					.isEqualTo(md5sum);
				compared++;
			}
			assertThat(compared).isPositive();
		}
	}

}
