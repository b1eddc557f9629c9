package com.usersservice.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.usersservice.AppProcess;
import com.usersservice.PackagedJar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runbook's DBA round trip on one database, with the database's own client: the offline script applied, the
 * packaged service started on it in prod (it must run nothing and serve); then a next release adds a changeset, its
 * pending-only script ({@code -Denv=prod}) is applied the same way, and that release starts with nothing to run.
 */
final class DbaRoundTrip {

	/** The service's changelog plus the next release's changeset, as the Maven plugin finds it (from the basedir). */
	static final String NEXT_RELEASE = "src/test/resources/db/it/dba-round-trip-changelog.yaml";

	static final String NEXT_CHANGESET = "db/it/dba-round-trip-changelog.yaml::20991231-0001-1::integration test";

	private final String engine;

	private final String url;

	private final String username;

	private final String password;

	private final Client client;

	DbaRoundTrip(String engine, String url, String username, String password, Client client) {
		this.engine = engine;
		this.url = url;
		this.username = username;
		this.password = password;
		this.client = client;
	}

	/** Runs the whole round trip from the documented offline script of this engine. */
	void from(Path offlineScript) {
		this.client.apply(offlineScript, this.url, this.username, this.password);
		List<History.Row> fromScript = history();
		assertThat(fromScript).as("changesets the offline script records").hasSize(4);

		try (AppProcess service = start("released", Map.of())) {
			// Its changeset manifest matched the history row for row (ids, files, checksums): Liquibase never started.
			assertThat(service.output()).contains("Schema is up to date with this build: 4 changesets applied")
				.doesNotContain("Running Changeset");
			assertServes(service);
		}
		assertThat(history()).as("the service ran nothing after the offline script").isEqualTo(fromScript);

		Path pending = MavenLiquibase.sql("updateSQL-next-release-" + this.engine,
				MavenLiquibase.environment("prod", this.url, this.username, this.password), "liquibase:updateSQL",
				"-Denv=prod", "-Dliquibase.changeLogFile=" + NEXT_RELEASE);
		assertThat(read(pending)).contains("-- changesets: 1", "--   " + NEXT_CHANGESET, "CREATE TABLE next_release")
			.doesNotContain("CREATE TABLE users");
		assertThat(history()).as("generating the pending-only script changed nothing").isEqualTo(fromScript);
		this.client.apply(pending, this.url, this.username, this.password);
		List<History.Row> afterPending = history();
		assertThat(afterPending).as("the pending-only script records the next release's changeset")
			.hasSize(5)
			.startsWith(fromScript.toArray(History.Row[]::new))
			.last()
			.extracting(History.Row::id)
			.isEqualTo("20991231-0001-1");

		Path changelog = MavenLiquibase.BASEDIR.resolve(NEXT_RELEASE);
		try (AppProcess service = start("next-release", Map.of("SPRING_LIQUIBASE_CHANGE_LOG", "file:" + changelog))) {
			// Another changelog than the build's manifest describes: Liquibase itself decides, and runs nothing.
			assertThat(service.output()).contains("Run:                          0")
				.contains("Previously run:               5")
				.doesNotContain("Running Changeset");
			assertServes(service);
		}
		assertThat(history()).as("the service ran nothing after the pending-only script").isEqualTo(afterPending);
	}

	List<History.Row> history() {
		return History.rows(this.url, this.username, this.password);
	}

	private AppProcess start(String release, Map<String, String> variables) {
		Map<String, String> environment = new HashMap<>(variables);
		environment.put("PROD_DATABASE_USERNAME", this.username);
		environment.put("PROD_DATABASE_PASSWORD", this.password);
		return PackagedJar.startProd("dba-round-trip-" + this.engine + "-" + release, this.url, environment)
			.awaitReady();
	}

	private static void assertServes(AppProcess service) {
		assertThat(service.get("/users").statusCode()).as("GET /users").isEqualTo(200);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Applies a script the way a DBA does on this engine. */
	@FunctionalInterface
	interface Client {

		void apply(Path script, String url, String username, String password);

	}

}
