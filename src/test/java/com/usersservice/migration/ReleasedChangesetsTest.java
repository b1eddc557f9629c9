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
 * checksum on each database the build supports (a changeset for one dbms only included), and the build fails when a
 * recorded one changes or disappears, or when a changeset is not recorded yet.
 * {@code ./mvnw -B test -Dtest=ReleasedChangesetsTest -Dreleased.update=true} appends the unrecorded ones (it never
 * rewrites a recorded line).
 */
class ReleasedChangesetsTest {

	static final Path RELEASED = Path.of("src/main/resources/db/changelog/released-changesets.csv");

	static final String UPDATE = "./mvnw -B test -Dtest=ReleasedChangesetsTest -Dreleased.update=true";

	@Test
	void releasedChangesetsAreUnchangedAndEveryChangesetIsRecorded() throws Exception {
		for (String database : OfflineChangelogs.DATABASES) {
			OfflineChangelogs.withChangeSets(OfflineChangelogs.MASTER, database, (changeSets, opened) -> {
				List<ReleasedChangesets.Entry> released = ReleasedChangesets.read(RELEASED);
				assertThat(ReleasedChangesets.violations(released, changeSets, database)).as(RELEASED + " " + database)
					.isEmpty();
				List<ReleasedChangesets.Entry> unreleased = ReleasedChangesets.unreleased(released, changeSets,
						database);
				if (Boolean.getBoolean("released.update") && !unreleased.isEmpty()) {
					Files.writeString(RELEASED, unreleased.stream()
						.map((entry) -> entry.line() + "\n")
						.collect(Collectors.joining()), StandardOpenOption.APPEND);
					unreleased = List.of();
				}
				assertThat(unreleased).as("Changesets missing from %s for %s: record them with `%s` and commit the file",
						RELEASED, database, UPDATE)
					.isEmpty();
				return null;
			});
		}
	}

	@Test
	void aChangesetForAnotherDatabaseIsRecordedWithThatDatabasesChecksum() throws Exception {
		// 20261130-0002-2 runs everywhere but PostgreSQL: a ledger read as PostgreSQL alone would never see it.
		List<ReleasedChangesets.Entry> released = ReleasedChangesets.read(RELEASED);
		assertThat(released).filteredOn((entry) -> entry.id().equals("20261130-0002-2"))
			.extracting(ReleasedChangesets.Entry::database)
			.containsExactlyInAnyOrder("mariadb", "mysql", "h2");
		OfflineChangelogs.withChangeSets(OfflineChangelogs.MASTER, "mariadb", (changeSets, opened) -> {
			List<ReleasedChangesets.Entry> edited = released.stream()
				.map((entry) -> entry.id().equals("20261130-0002-2") ? new ReleasedChangesets.Entry(entry.id(),
						entry.author(), entry.file(), entry.database(), "9:00000000000000000000000000000000") : entry)
				.toList();
			assertThat(ReleasedChangesets.violations(edited, changeSets, "mariadb")).singleElement()
				.asString()
				.startsWith("Changeset 20261130-0002-2 (db/changelog/changes/20261130-0002-unique-email.yaml) has "
						+ "changed since it was released (mariadb checksum 9:00000000000000000000000000000000");
			return null;
		});
	}

	@Test
	void anEditedReleasedChangesetFailsWithWhatToDo() throws Exception {
		OfflineChangelogs.withChangeSets("db/fixtures/destructive-changelog.yaml", (changeSets, database) -> {
			ReleasedChangesets.Entry dropColumn = ReleasedChangesets.Entry.of(changeSets.get(1), "postgresql");
			ReleasedChangesets.Entry edited = new ReleasedChangesets.Entry(dropColumn.id(), dropColumn.author(),
					dropColumn.file(), "postgresql", "9:00000000000000000000000000000000");
			ReleasedChangesets.Entry removed = new ReleasedChangesets.Entry("gone-1", "tests",
					"db/fixtures/destructive-changelog.yaml", "postgresql", "9:11111111111111111111111111111111");
			assertThat(ReleasedChangesets.violations(List.of(ReleasedChangesets.Entry.of(changeSets.get(0),
					"postgresql"), edited, removed), changeSets, "postgresql"))
				.containsExactly("Changeset drop-column (db/fixtures/destructive-changelog.yaml) has changed since it "
						+ "was released (postgresql checksum 9:00000000000000000000000000000000, now "
						+ dropColumn.checksum() + "): restore it and add a new changeset instead",
						"Changeset gone-1 (db/fixtures/destructive-changelog.yaml, tests) was released but is no "
								+ "longer in the changelog for postgresql: restore it; to undo it, add a new changeset");
			assertThat(ReleasedChangesets.unreleased(List.of(dropColumn), changeSets, "postgresql"))
				.hasSize(changeSets.size() - 1);
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
				assertThat(released).filteredOn((entry) -> entry.id().equals(id) && entry.database().equals("postgresql"))
					.singleElement()
					.extracting(ReleasedChangesets.Entry::checksum)
					.isEqualTo(md5sum);
				compared++;
			}
			assertThat(compared).isPositive();
		}
	}

}
