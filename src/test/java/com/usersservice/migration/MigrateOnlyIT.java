package com.usersservice.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.usersservice.AppProcess;
import com.usersservice.PackagedJar;
import com.usersservice.ProdEnvironment;
import com.usersservice.TestPostgres;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as an operator runs it against prod: {@code MIGRATION_MODE=migrate-only} applies the changelog and
 * exits 0 without a web server, or exits non-zero with a one-line reason; {@code MIGRATION_MODE=drift-report} prints
 * what differs and exits 0 or 3.
 */
class MigrateOnlyIT {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void appliesTheChangelogAndExitsWithoutServing() throws Exception {
		String url = TestPostgres.createDatabase("migrate_only");
		Run run = run(url, "migrate-only");
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("MIGRATION_MODE=migrate-only finished; exiting with 0")
			.doesNotContain("Tomcat");
		assertThat(run.output()).doesNotContainPattern("(?i)started on port");
		MigratedDatabases.execute(url, "select id, name, email, created_at from users");

		MigratedDatabases.execute(url, "alter table users add column nickname varchar(20)",
				"alter table users alter column name type varchar(200)");
		Run drift = run(url, "drift-report");
		assertThat(drift.exitCode()).as(drift.output()).isEqualTo(3);
		assertThat(drift.output()).contains("  - table users: extra column nickname (varchar(20))")
			.contains("  - table users: changed column name: type expected varchar(100), found varchar(200)");
	}

	@Test
	void exitsNonZeroWithTheReasonWhenTheDatabaseIsUnreachable() throws Exception {
		int closedPort = ProdEnvironment.freePort();
		Run run = run("jdbc:postgresql://127.0.0.1:" + closedPort + "/users", "migrate-only");
		assertThat(run.exitCode()).as(run.output()).isNotZero();
		assertThat(reason(run.output())).contains("Connection to 127.0.0.1:" + closedPort + " refused");
	}

	@Test
	void exitsNonZeroWithTheReasonWhenAChangesetFails() throws Exception {
		String url = TestPostgres.createDatabase("migrate_fails");
		MigratedDatabases.execute(url, "create table users (id bigint)");
		Run run = run(url, "migrate-only");
		assertThat(run.exitCode()).as(run.output()).isNotZero();
		assertThat(reason(run.output()))
			.startsWith("Migration failed at changeset 20261130-0001-1 "
					+ "(db/changelog/changes/20261130-0001-create-users.yaml): ")
			.contains("relation \"users\" already exists");
	}

	/** The one line under "Description:" of Boot's failure report; prod logs it as the message of a JSON event. */
	private static String reason(String output) {
		List<String> lines = output.lines().flatMap(MigrateOnlyIT::messageLines).toList();
		int description = lines.indexOf("Description:");
		assertThat(description).as(output).isPositive();
		assertThat(lines.get(description + 3)).as("a one-line reason, then a blank line").isEmpty();
		return lines.get(description + 2);
	}

	private static Stream<String> messageLines(String line) {
		if (!line.startsWith("{")) {
			return Stream.of(line);
		}
		try {
			return json.readTree(line).path("message").asString("").lines();
		}
		catch (JacksonException ex) {
			return Stream.of(line);
		}
	}

	/** The jar from the project directory, as {@code MIGRATION_MODE=<mode> java -jar target/app.jar} in prod. */
	private static Run run(String url, String mode) {
		Map<String, String> environment = ProdEnvironment.of(url);
		environment.put("MIGRATION_MODE", mode);
		AppProcess process = PackagedJar.start(Path.of("").toAbsolutePath(), environment);
		return new Run(process.awaitExit(), process.output());
	}

	private record Run(int exitCode, String output) {

	}

}
