package com.usersservice.migration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.usersservice.TestPostgres;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A changeset edited after it was applied: the start-up stops before anything runs and the report names the edited
 * changeset, both checksums and the ways out, not the advice for a changeset that failed to run.
 */
@ExtendWith(OutputCaptureExtension.class)
class EditedChangesetTests {

	@Test
	void theReportNamesTheEditedChangesetAndTheWaysOut(CapturedOutput output) {
		String url = Apps.migrated("edited");
		JdbcTemplate jdbc = new JdbcTemplate(
				new DriverManagerDataSource(url, TestPostgres.username(), TestPostgres.password()));
		// What the history holds when the text was changed after it ran: another checksum than this build's.
		jdbc.update("update databasechangelog set md5sum = '9:0123456789abcdef0123456789abcdef' where id = ?",
				"20261130-0001-1");
		int applied = jdbc.queryForObject("select count(*) from databasechangelog", Integer.class);

		assertThatException().isThrownBy(() -> Apps.start(url, "spring.main.web-application-type=none"));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("1 changeset was edited after being applied; nothing was applied:")
			.containsPattern("- 20261130-0001-1 \\(db/changelog/changes/20261130-0001-create-users.yaml, author "
					+ "users-service team\\): applied with checksum 9:0123456789abcdef0123456789abcdef, this build's "
					+ "text has 9:[0-9a-f]{32}")
			.contains("restore its text as it was applied")
			.contains("add a new changeset")
			.containsPattern("validCheckSum: 9:[0-9a-f]{32}' with a comment saying why")
			.doesNotContain("Migration failed at changeset")
			.doesNotContain("Fix the changeset or the database");
		assertThat(jdbc.queryForObject("select count(*) from databasechangelog", Integer.class)).isEqualTo(applied);
	}

}
