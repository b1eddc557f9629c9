package com.usersservice.migration.fastpath;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The manifest's file format, what the build records of each changeset, and the answers that need no database. */
class ChangesetManifestTest {

	@Test
	void aManifestReadsBackAsItWasWritten(@TempDir Path classes) throws Exception {
		Map<String, String> checksums = new LinkedHashMap<>(Map.of("postgresql", "9:aa"));
		checksums.put("mariadb", "9:bb");
		ChangesetManifest.Entry entry = new ChangesetManifest.Entry("1", "team", "db/changelog/changes/one.yaml",
				"dev and !prod", "beta,ops", "mariadb,postgresql", true, checksums);
		ChangesetManifest.Entry always = new ChangesetManifest.Entry("2", "team", "db/changelog/changes/two.yaml", "",
				"", "", false, new LinkedHashMap<>(Map.of("h2", "9:cc")));
		ChangesetManifest manifest = new ChangesetManifest("db/changelog/db.changelog-master.yaml", "abc",
				List.of(entry, always));
		Path file = classes.resolve(ChangesetManifest.LOCATION);
		Files.createDirectories(file.getParent());
		Files.writeString(file, manifest.text(), StandardCharsets.UTF_8);
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
				ClassLoader.getPlatformClassLoader())) {
			assertThat(ChangesetManifest.load(loader)).isEqualTo(manifest);
		}
		assertThat(ChangesetManifest.Entry.parse(entry.line())).isEqualTo(entry);
	}

	@Test
	void aFieldThatWouldBreakTheFormatIsRefusedAndABrokenLineIsNotGuessedAt() {
		ChangesetManifest.Entry tab = new ChangesetManifest.Entry("1\t2", "team", "f.yaml", "", "", "", true,
				new LinkedHashMap<>());
		assertThatIllegalArgumentException().isThrownBy(tab::line).withMessageContaining("does not fit the manifest");
		ChangesetManifest.Entry newline = new ChangesetManifest.Entry("1", "team", "f.yaml", "", "a\nb", "", true,
				new LinkedHashMap<>());
		assertThatIllegalArgumentException().isThrownBy(newline::line);
		assertThatIllegalStateException().isThrownBy(() -> ChangesetManifest.Entry.parse("changeset\tonly\tthree"))
			.withMessageStartingWith("Unreadable manifest line");
	}

	@Test
	void theBuildRecordsEachChangesetsFiltersAndWhetherTheyAreItsOwn() throws Exception {
		List<ChangesetManifest.Entry> entries = ChangesetManifestWriter.entries(new ClassLoaderResourceAccessor(),
				"db/fixtures/manifest-changelog.yaml");
		assertThat(entries).extracting(ChangesetManifest.Entry::id)
			.containsExactly("filtered", "unfiltered", "inherited");
		ChangesetManifest.Entry filtered = entries.get(0);
		assertThat(filtered.contexts()).isEqualTo("dev and !prod");
		assertThat(filtered.labels()).isEqualTo("beta,ops");
		assertThat(filtered.dbms()).isEqualTo("mariadb,postgresql");
		assertThat(filtered.reusable()).isTrue();
		assertThat(filtered.checksums()).as("only the databases it runs on").containsOnlyKeys("postgresql", "mariadb");
		assertThat(entries.get(1).checksums()).containsOnlyKeys(ChangesetManifestWriter.DATABASES);
		ChangesetManifest.Entry unfiltered = entries.get(1);
		assertThat(List.of(unfiltered.contexts(), unfiltered.labels(), unfiltered.dbms())).containsOnly("");
		assertThat(entries.get(2).reusable()).as("a filter inherited from the include").isFalse();
	}

	@Test
	void theDatabaseIsKnownByItsProductName() {
		assertThat(StartupFastPath.shortName("PostgreSQL")).isEqualTo("postgresql");
		assertThat(StartupFastPath.shortName("MariaDB")).isEqualTo("mariadb");
		assertThat(StartupFastPath.shortName("MySQL")).isEqualTo("mysql");
		assertThat(StartupFastPath.shortName("H2")).isEqualTo("h2");
		assertThat(StartupFastPath.shortName("Oracle")).isEqualTo("oracle");
	}

	@Test
	void aDisabledFastPathProvesNothing() {
		StartupFastPath.Verdict verdict = StartupFastPath.disabled().check(null, "x", null, null, "DATABASECHANGELOG");
		assertThat(verdict.upToDate()).isFalse();
		assertThat(verdict.reason()).isEqualTo("the start-up fast path is switched off");
	}

}
