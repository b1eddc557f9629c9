package com.usersservice.migration.fastpath;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.usersservice.migration.Apps;
import com.usersservice.migration.OfflineChangelogs;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

import com.usersservice.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The start-up fast path skips Liquibase only when the build's manifest and the history agree exactly; every other
 * case must reach Liquibase, which then does the real work (or refuses).
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFastPathTests {

	private static final String UP_TO_DATE = "Schema is up to date with this build";

	@Test
	void aBootWithNothingPendingSkipsLiquibaseAndAFreshDatabaseDoesNot(CapturedOutput output) {
		String url = TestPostgres.createDatabase("fast_fresh");
		Apps.start(url, "spring.main.web-application-type=none").close();
		assertThat(output).doesNotContain(UP_TO_DATE).contains("Liquibase checks the changelog: the history could not be read");
		int before = output.length();

		Apps.start(url, "spring.main.web-application-type=none").close();
		String second = output.toString().substring(before);
		assertThat(second).contains(UP_TO_DATE + ": 4 changesets applied").doesNotContain("UPDATE SUMMARY");
	}

	@Test
	void aPendingChangesetIsAppliedNotSkipped(CapturedOutput output) {
		String url = Apps.migrated("fast_pending");
		// The test context ran two changesets; dev also wants the seed users.
		try (ConfigurableApplicationContext dev = Apps.start(url, "spring.main.web-application-type=none",
				"spring.liquibase.contexts=dev")) {
			assertThat(dev.getBean(JdbcTemplate.class).queryForObject("select count(*) from users", Integer.class))
				.isEqualTo(5);
		}
		assertThat(output).contains("Liquibase checks the changelog: "
				+ "db/changelog/changes/20261130-0003-seed-dev-users.yaml::20261130-0003-1::users-service team is pending");
	}

	@Test
	void anEditedChangesetReachesLiquibaseWhichRefusesIt(CapturedOutput output) {
		String url = Apps.migrated("fast_checksum");
		jdbc(url).update("update databasechangelog set md5sum = '9:00000000000000000000000000000000' where id = ?",
				"20261130-0001-1");
		assertThatException().isThrownBy(() -> Apps.start(url, "spring.main.web-application-type=none"));
		assertThat(output).contains("the checksum of db/changelog/changes/20261130-0001-create-users.yaml::20261130-0001-1")
			.contains("20261130-0001-1");
	}

	@Test
	void aRowThisBuildDoesNotKnowReachesLiquibase(CapturedOutput output) {
		String url = Apps.migrated("fast_unknown");
		jdbc(url).update("insert into databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, "
				+ "md5sum) values ('20991231-0001-1', 'future', 'db/changelog/changes/20991231-0001-later.yaml', now(), 99, "
				+ "'EXECUTED', '9:11111111111111111111111111111111')");
		Apps.start(url, "spring.main.web-application-type=none").close();
		assertThat(output).doesNotContain(UP_TO_DATE).contains("which this build would not run here");
	}

	@Test
	void withoutAManifestOfTheseFilesOrForAnotherChangelogTheAnswerIsNo() {
		String url = Apps.migrated("fast_manifest");
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, TestPostgres.username(),
				TestPostgres.password());
		ChangesetManifest real = ChangesetManifest.load(getClass().getClassLoader());
		assertThat(new StartupFastPath(real, true).check(dataSource, "classpath:" + real.changelog(), "test", null,
				"DATABASECHANGELOG").upToDate()).isTrue();

		assertThat(new StartupFastPath(null, true).check(dataSource, real.changelog(), "test", null, "DATABASECHANGELOG"))
			.extracting(StartupFastPath.Verdict::reason).isEqualTo("no changeset manifest in this build");
		assertThat(new StartupFastPath(real, false).check(dataSource, real.changelog(), "test", null,
				"DATABASECHANGELOG").upToDate()).isFalse();
		assertThat(new StartupFastPath(real, true).check(dataSource, "file:/elsewhere/master.yaml", "test", null,
				"DATABASECHANGELOG").upToDate()).isFalse();
	}

	@Test
	void aManifestThatNoLongerDescribesTheChangelogFilesIsNotTrusted(@TempDir Path copy) throws Exception {
		String url = Apps.migrated("fast_stale");
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, TestPostgres.username(),
				TestPostgres.password());
		// The build's classes as they are, then with a changelog file edited after the manifest was written.
		Path classes = Path.of("target/classes");
		for (String name : List.of(ChangesetManifest.LOCATION, "db/changelog")) {
			Files.createDirectories(copy.resolve(name).getParent());
			FileSystemUtils.copyRecursively(classes.resolve(name), copy.resolve(name));
		}
		assertThat(fromCopy(copy).check(dataSource, "classpath:" + OfflineChangelogs.MASTER, "test", null,
				"DATABASECHANGELOG").upToDate()).as("the unchanged copy").isTrue();

		Path created = copy.resolve("db/changelog/changes/20261130-0001-create-users.yaml");
		Files.writeString(created, Files.readString(created) + "# edited after the build\n");
		StartupFastPath.Verdict verdict = fromCopy(copy).check(dataSource, "classpath:" + OfflineChangelogs.MASTER,
				"test", null, "DATABASECHANGELOG");
		assertThat(verdict.upToDate()).isFalse();
		assertThat(verdict.reason())
			.isEqualTo("the changeset manifest does not describe the changelog files on the class path");
	}

	private static StartupFastPath fromCopy(Path copy) throws Exception {
		// Only the copy, not the test's own class path, so the hash sees exactly its files.
		try (URLClassLoader loader = new URLClassLoader(new URL[] { copy.toUri().toURL() },
				ClassLoader.getPlatformClassLoader())) {
			return StartupFastPath.fromClassPath(loader);
		}
	}

	@Test
	void aChangesetThatMustAlwaysBeCheckedKeepsLiquibaseInCharge() {
		String url = Apps.migrated("fast_always");
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, TestPostgres.username(),
				TestPostgres.password());
		ChangesetManifest real = ChangesetManifest.load(getClass().getClassLoader());
		List<ChangesetManifest.Entry> entries = real.entries()
			.stream()
			.map((entry) -> entry.id().equals("20261130-0001-1") ? new ChangesetManifest.Entry(entry.id(),
					entry.author(), entry.file(), entry.contexts(), entry.labels(), entry.dbms(), false,
					new LinkedHashMap<>(entry.checksums())) : entry)
			.toList();
		StartupFastPath.Verdict verdict = new StartupFastPath(
				new ChangesetManifest(real.changelog(), real.filesHash(), entries), true)
			.check(dataSource, real.changelog(), "test", null, "DATABASECHANGELOG");
		assertThat(verdict.upToDate()).isFalse();
		assertThat(verdict.reason()).isEqualTo("changeset 20261130-0001-1 must be checked by Liquibase at every start");
	}

	@Test
	void theBuildMarksChangesetsWithPreconditionsOrRunAlwaysForLiquibase() throws Exception {
		Map<String, Boolean> reusable = new LinkedHashMap<>();
		for (ChangesetManifest.Entry entry : ChangesetManifestWriter
			.entries(new ClassLoaderResourceAccessor(), "db/fixtures/fast-path-changelog.yaml")) {
			reusable.put(entry.id(), entry.reusable());
		}
		assertThat(reusable).containsExactly(Map.entry("plain", true), Map.entry("run-always", false),
				Map.entry("run-on-change", false), Map.entry("precondition", false));
	}

	@Test
	void withLiquibaseSwitchedOffTheServiceIsReadyAndSaysSo() throws Exception {
		String url = Apps.migrated("fast_disabled");
		try (ConfigurableApplicationContext context = Apps.start(url, "spring.liquibase.enabled=false")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpResponse<String> readiness = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).contains("\"liquibase\":\"disabled\"");
		}
	}

	private static JdbcTemplate jdbc(String url) {
		return new JdbcTemplate(new DriverManagerDataSource(url, TestPostgres.username(), TestPostgres.password()));
	}

}
