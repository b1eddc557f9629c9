package com.usersservice.migration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code MIGRATION_MODE=drift-report} changes nothing, prints the status and the drift, and sets the exit code. */
@ExtendWith(OutputCaptureExtension.class)
class DriftReportTest {

	@Test
	void printsTheDriftOfAnAlteredDatabaseAndExitsWith3(CapturedOutput output) {
		String url = Apps.migrated("report_drift");
		MigratedDatabases.execute(url, "alter table users add column nickname varchar(20)",
				"drop index users_email_lower_uq", "alter table users drop column created_at",
				"drop trigger users_updated_at on users");
		ConfigurableApplicationContext context = Apps.start(url, "users.migration.mode=drift-report");
		assertThat(context.getEnvironment().getProperty("local.server.port")).as("no web server").isNull();
		assertThat(SpringApplication.exit(context)).isEqualTo(3);
		assertThat(output).contains("Changesets applied: 4")
			.contains("Pending changesets: none")
			.contains("Schema drift: 5")
			// The column after the dropped one moved up: Liquibase's diff compares positions too.
			.contains("  - table users: changed column updated_at: order expected 5, found 4")
			.contains("  - table users: extra column nickname (varchar(20))")
			.contains("  - table users: missing column created_at (timestamptz)")
			.contains("  - table users: missing index users_email_lower_uq")
			// Liquibase's snapshot has no triggers; without this one an update no longer moves updated_at (the ETag).
			.contains("  - table users: missing trigger users_updated_at")
			.contains("The database does not match this build.");
	}

	@Test
	void reportsAMatchingDatabaseAndExitsWith0(CapturedOutput output) {
		String url = Apps.migrated("report_clean");
		ConfigurableApplicationContext context = Apps.start(url, "users.migration.mode=drift-report");
		assertThat(SpringApplication.exit(context)).isZero();
		assertThat(output).contains("Schema drift: none").contains("The database matches this build.");
	}

}
