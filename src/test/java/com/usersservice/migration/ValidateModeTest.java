package com.usersservice.migration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import com.usersservice.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code MIGRATION_MODE=validate} changes nothing and refuses to start, naming each changeset, when the database does
 * not match this build; once started, readiness goes down when a changeset of this build is no longer applied.
 */
@ExtendWith(OutputCaptureExtension.class)
class ValidateModeTest {

	private static final String FUTURE_CHANGESET = """
			insert into databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, md5sum)
			values ('20991231-0001-1', 'someone', 'db/changelog/changes/20991231-0001-future.yaml', now(), 99,
			'EXECUTED', '9:0123456789abcdef0123456789abcdef')""";

	private static final String CREATE_USERS = "20261130-0001-1 (db/changelog/changes/20261130-0001-create-users.yaml)";

	@Test
	void refusesAFreshDatabaseNamingThePendingChangesetsAndCreatesNothing(CapturedOutput output) throws Exception {
		String url = TestPostgres.createDatabase("validate_fresh");
		assertThatException().isThrownBy(() -> Apps.start(url, "users.migration.mode=validate"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("MIGRATION_MODE=validate: the database does not match this build; nothing was changed")
			.contains("pending (not applied yet): " + CREATE_USERS)
			.contains("pending (not applied yet): 20261130-0002-1 (db/changelog/changes/20261130-0002-unique-email.yaml)")
			.contains("Apply pending changesets first (MIGRATION_MODE=migrate-only or apply)")
			// Other databases' changeset and the dev seed data are not pending on a PostgreSQL test database.
			.doesNotContain("pending (not applied yet): 20261130-0002-2")
			.doesNotContain("pending (not applied yet): 20261130-0003-1");
		assertThat(tables(url)).isZero();
	}

	@Test
	void refusesUnknownAndEditedChangesets(CapturedOutput output) {
		String url = Apps.migrated("validate_changed");
		MigratedDatabases.execute(url, FUTURE_CHANGESET,
				"update databasechangelog set md5sum = '9:ffffffffffffffffffffffffffffffff' where id = '20261130-0001-1'");
		assertThatException().isThrownBy(() -> Apps.start(url, "users.migration.mode=validate"));
		assertThat(output)
			.contains("applied but unknown to this build: 20991231-0001-1 (db/changelog/changes/20991231-0001-future.yaml)")
			.contains("checksum mismatch (edited after it ran): " + CREATE_USERS)
			.contains("restore it and add a new changeset instead");
	}

	@Test
	void startsOnAMatchingDatabaseAndLeavesReadinessWhenAChangesetGoesMissing() throws Exception {
		String url = Apps.migrated("validate_ready");
		try (ConfigurableApplicationContext context = Apps.start(url, "users.migration.mode=validate")) {
			String port = context.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> ready = get(port, "/actuator/health/readiness");
			assertThat(ready.statusCode()).isEqualTo(200);
			assertThat(ready.body()).contains("\"migrations\":{").contains("\"status\":\"UP\"");

			// A newer build's changeset does not take this instance out of service during a release...
			MigratedDatabases.execute(url, FUTURE_CHANGESET);
			HttpResponse<String> stillReady = get(port, "/actuator/health/readiness");
			assertThat(stillReady.statusCode()).isEqualTo(200);
			assertThat(stillReady.body()).contains("20991231-0001-1 (db/changelog/changes/20991231-0001-future.yaml)");

			// ...but a changeset of this build that is no longer applied (rolled back by hand, say) does.
			MigratedDatabases.execute(url, "delete from databasechangelog where id = '20261130-0002-1'");
			HttpResponse<String> notReady = get(port, "/actuator/health/readiness");
			assertThat(notReady.statusCode()).isEqualTo(503);
			assertThat(notReady.body()).contains("\"status\":\"DOWN\"")
				.contains("20261130-0002-1 (db/changelog/changes/20261130-0002-unique-email.yaml)");
		}
	}

	@Test
	void canLeaveReadinessWhenTheDatabaseIsAhead() throws Exception {
		String url = Apps.migrated("validate_ahead");
		try (ConfigurableApplicationContext context = Apps.start(url, "users.migration.mode=validate",
				"users.migration.readiness.down-when-unknown=true")) {
			String port = context.getEnvironment().getProperty("local.server.port");
			assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
			MigratedDatabases.execute(url, FUTURE_CHANGESET);
			assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(503);
		}
	}

	@Test
	void refusesAnUnknownMode(CapturedOutput output) {
		String url = TestPostgres.createDatabase("validate_mode");
		assertThatException().isThrownBy(() -> Apps.start(url, "users.migration.mode=migrate"));
		assertThat(output).contains("Unknown MIGRATION_MODE 'migrate'")
			.contains("Set MIGRATION_MODE to one of apply, validate, migrate-only, drift-report, background, contract.");
	}

	static HttpResponse<String> get(String port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	private static int tables(String url) throws Exception {
		try (Connection connection = MigratedDatabases.connect(url); Statement statement = connection.createStatement();
				ResultSet count = statement
					.executeQuery("select count(*) from information_schema.tables where table_schema = 'public'")) {
			count.next();
			return count.getInt(1);
		}
	}

}
