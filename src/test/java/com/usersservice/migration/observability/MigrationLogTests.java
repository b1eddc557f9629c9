package com.usersservice.migration.observability;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.usersservice.TestPostgres;
import com.usersservice.UsersServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** What the migration step writes to the log: a line per applied changeset, one ERROR line when one fails. */
@ExtendWith(OutputCaptureExtension.class)
class MigrationLogTests {

	@Test
	void logsOneLinePerAppliedChangesetWithItsIdFileAndDuration(CapturedOutput output) {
		String url = TestPostgres.createDatabase("migration_log");
		try (ConfigurableApplicationContext context = start(url, "classpath:db/changelog/db.changelog-master.yaml")) {
			List<String> applied = context.getBean(JdbcTemplate.class)
				.queryForList("select id || ' (' || filename || ') executed in ' from databasechangelog", String.class);
			assertThat(applied).isNotEmpty();
			for (String changeset : applied) {
				assertThat(output.getOut().lines().filter((line) -> line.contains(changeset)))
					.as("one log line for %s", changeset)
					.singleElement()
					.asString()
					.matches(".*INFO.*ChangesetTimingListener.*executed in \\d+ ms$");
			}
		}
	}

	@Test
	void aFailedChangesetEndsTheStartWithOneErrorNamingItAndTheDatabaseErrorAndNoStackTrace(CapturedOutput output) {
		String url = TestPostgres.createDatabase("migration_fail");
		assertThatException().isThrownBy(() -> start(url, "classpath:db/failing/changelog.yaml").close());
		String all = output.getAll();
		List<String> errors = all.lines().filter((line) -> line.matches("^\\S+\\s+ERROR .*")).toList();
		assertThat(errors).as("ERROR events in:%n%s", all)
			.singleElement()
			.asString()
			.contains("FailureAnalysisReporter");
		assertThat(all).contains("Migration failed at changeset failing-0001-2 (db/failing/changelog.yaml): "
				+ "ERROR: relation \"no_such_table\" does not exist");
		assertThat(all.lines().filter((line) -> line.startsWith("\tat "))).as("stack frames in:%n%s", all).isEmpty();
		assertThat(all.lines().filter((line) -> line.contains("ChangesetTimingListener")))
			.as("one line per changeset, the failed one included")
			.satisfiesExactly((first) -> assertThat(first).contains("failing-0001-1", "executed in"),
					(second) -> assertThat(second).contains("WARN", "failing-0001-2", "failed after",
							"relation \"no_such_table\" does not exist"));
	}

	private static ConfigurableApplicationContext start(String url, String changelog) {
		return new SpringApplicationBuilder(UsersServiceApplication.class).web(WebApplicationType.NONE)
			.profiles("test")
			.run("--spring.datasource.url=" + url, "--spring.datasource.username=" + TestPostgres.username(),
					"--spring.datasource.password=" + TestPostgres.password(),
					"--spring.liquibase.change-log=" + changelog, "--spring.jpa.hibernate.ddl-auto=none");
	}

}
