package com.usersservice.authoring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The autogenerate command on a scratch copy of the changelog and of the {@code User} entity: the real sources and
 * the real changelog are never touched.
 */
class AutogenerateChangesetTests {

	private static final Path REAL_CHANGELOG = Path.of("src/main/resources/db/changelog");

	private static final LocalDate TODAY = LocalDate.of(2026, 12, 24);

	@TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
	Path work;

	@Test
	void aNewFieldBecomesOneAddColumnInANewIncludedChangeFile() throws Exception {
		Path resources = copyOfTheChangelog();
		ClassLoader edited = ScratchEntities.compile(ScratchEntities.USER_SOURCE,
				(source) -> source.replace("\tstatic final int NAME_MAX",
						"\t@Column(length = 40)\n\tprivate String phoneNumber;\n\n\tstatic final int NAME_MAX"),
				this.work.resolve("entity"));
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		Path file = AutogenerateChangeset.run(resources, ScratchEntities.PACKAGE, edited, "add-phone-number",
				"Test Author", TODAY, new PrintStream(printed, true, StandardCharsets.UTF_8));

		assertThat(file.getFileName()).hasToString("20261224-0004-add-phone-number.yaml");
		DatabaseChangeLog written = Changelogs.parse(resources, "db/changelog/changes/" + file.getFileName());
		assertThat(written.getChangeSets()).singleElement().satisfies((changeSet) -> {
			assertThat(changeSet.getId()).isEqualTo("20261224-0004-1");
			assertThat(changeSet.getAuthor()).isEqualTo("Test Author");
			assertThat(changeSet.getChanges()).singleElement().isInstanceOfSatisfying(AddColumnChange.class, (add) -> {
				assertThat(add.getTableName()).isEqualTo("users");
				ColumnConfig column = add.getColumns().get(0);
				assertThat(add.getColumns()).hasSize(1);
				assertThat(column.getName()).isEqualTo("phone_number");
				assertThat(column.getType()).isEqualTo("varchar(40)");
				assertThat(column.getConstraints()).satisfiesAnyOf((constraints) -> assertThat(constraints).isNull(),
						(constraints) -> assertThat(constraints.isNullable()).isNotEqualTo(Boolean.FALSE));
			});
		});
		assertThat(Files.readString(resources.resolve(AutogenerateChangeset.MASTER)))
			.endsWith("  - include:\n      file: changes/20261224-0004-add-phone-number.yaml\n"
					+ "      relativeToChangelogFile: true\n");
		assertThat(printed.toString(StandardCharsets.UTF_8))
			.contains("Wrote db/changelog/changes/20261224-0004-add-phone-number.yaml")
			.contains("phone_number");
		assertThat(sameTree(REAL_CHANGELOG, resources.resolve("db/changelog")))
			.as("the scratch copy changed, the real changelog did not").isFalse();

		// Applied, the generated changelog leaves nothing more to generate: the change was complete.
		assertThat(AutogenerateChangeset.run(resources, ScratchEntities.PACKAGE, edited, "again", "Test Author",
				TODAY, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
			.isNull();
	}

	@Test
	void aNotNullInstantIsWrittenWithThePortableInstantType() throws Exception {
		Path resources = copyOfTheChangelog();
		ClassLoader edited = ScratchEntities.compile(ScratchEntities.USER_SOURCE,
				(source) -> source.replace("\tstatic final int NAME_MAX",
						"\t@Column(nullable = false)\n\tprivate Instant lastSeenAt;\n\n\tstatic final int NAME_MAX"),
				this.work.resolve("entity"));

		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		Path file = AutogenerateChangeset.run(resources, ScratchEntities.PACKAGE, edited, "add-last-seen",
				"Test Author", TODAY, new PrintStream(printed, true, StandardCharsets.UTF_8));

		ChangeSet changeSet = Changelogs.parse(resources, "db/changelog/changes/" + file.getFileName())
			.getChangeSets()
			.get(0);
		AddColumnChange add = (AddColumnChange) changeSet.getChanges().get(0);
		assertThat(add.getColumns().get(0).getName()).isEqualTo("last_seen_at");
		// Read on its own, without the master changelog that defines the property.
		assertThat(add.getColumns().get(0).getType()).isEqualTo("${instant_type}");
		assertThat(add.getColumns().get(0).getConstraints().isNullable()).isFalse();
		assertThat(Files.readString(file)).contains("type: ${instant_type}");
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("WARNING: users.last_seen_at is NOT NULL "
				+ "without a default: on a table with rows, add a defaultValue or defaultValueComputed");
	}

	@Test
	void aLongerColumnBecomesATypeChangeThatRollsBackToTheOldType() throws Exception {
		Path resources = copyOfTheChangelog();
		ClassLoader edited = ScratchEntities.compile(ScratchEntities.USER_SOURCE,
				(source) -> source.replace("length = User.NAME_MAX", "length = 150"), this.work.resolve("entity"));

		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		Path file = AutogenerateChangeset.run(resources, ScratchEntities.PACKAGE, edited, "longer-names",
				"Test Author", TODAY, new PrintStream(printed, true, StandardCharsets.UTF_8));

		ChangeSet changeSet = Changelogs.parse(resources, "db/changelog/changes/" + file.getFileName())
			.getChangeSets()
			.get(0);
		assertThat(changeSet.getChanges()).singleElement().isInstanceOfSatisfying(ModifyDataTypeChange.class,
				(modify) -> assertThat(modify.getNewDataType()).isEqualTo("varchar(150)"));
		assertThat(changeSet.getRollback().getChanges()).singleElement()
			.isInstanceOfSatisfying(ModifyDataTypeChange.class, (modify) -> {
				assertThat(modify.getColumnName()).isEqualTo("name");
				assertThat(modify.getNewDataType()).isEqualTo("varchar(100)");
			});
		assertThat(changeSet.getComments())
			.startsWith("Review: on MariaDB/MySQL modifyDataType makes users.name nullable");
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("WARNING: Review: on MariaDB/MySQL");
		assertThat(new ChangelogConventions(resources, AutogenerateChangeset.MASTER).violations())
			.as("the generated file follows the conventions as written")
			.isEmpty();
	}

	@Test
	void entitiesThatMatchTheChangelogWriteNothing() throws Exception {
		Path resources = copyOfTheChangelog();

		Path file = AutogenerateChangeset.run(resources, "com.usersservice", getClass().getClassLoader(), "nothing",
				"Test Author", TODAY, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

		assertThat(file).isNull();
		assertThat(sameTree(REAL_CHANGELOG, resources.resolve("db/changelog"))).isTrue();
	}

	@Test
	void anIntentThatIsNotAFileNameIsRefusedBeforeAnyWork() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AutogenerateChangeset.run(this.work, "com.usersservice", getClass().getClassLoader(),
					"Add Phone!", "Test Author", TODAY, System.out))
			.withMessageContaining("-Dchange must be lower-case words joined by '-'");
	}

	private Path copyOfTheChangelog() throws IOException {
		Path resources = this.work.resolve("resources");
		try (Stream<Path> files = Files.walk(REAL_CHANGELOG)) {
			for (Path source : files.toList()) {
				Path target = resources.resolve("db/changelog").resolve(REAL_CHANGELOG.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target);
				}
			}
		}
		return resources;
	}

	private static boolean sameTree(Path one, Path other) throws IOException {
		List<String> a = listing(one);
		List<String> b = listing(other);
		if (!a.equals(b)) {
			return false;
		}
		for (String file : a) {
			if (Files.mismatch(one.resolve(file), other.resolve(file)) != -1) {
				return false;
			}
		}
		return true;
	}

	private static List<String> listing(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).map((file) -> root.relativize(file).toString()).sorted().toList();
		}
	}

}
