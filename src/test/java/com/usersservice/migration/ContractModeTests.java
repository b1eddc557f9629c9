package com.usersservice.migration;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.usersservice.Http;
import com.usersservice.TestPostgres;
import com.usersservice.migration.compat.Releases;
import com.usersservice.migration.failure.MigrationRefusedException;
import com.usersservice.release.Release;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Expand and contract on a real PostgreSQL: every mode but contract leaves the changesets labelled contract pending
 * (shown apart in /actuator/migrations, not an error for validate); MIGRATION_MODE=contract applies them once no
 * session of an older release is connected, and names those sessions while they are; a changeset the previous release
 * cannot run against is refused at start-up without the label.
 */
class ContractModeTests {

	private static final String CHANGELOG = "spring.liquibase.change-log=classpath:db/fixtures/compat/"
			+ "contract-step-changelog.yaml";

	private static final String CONTRACT_FILE = "db/fixtures/compat/contract-step-changelog.yaml";

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void theDriftReportListsTheChangesetsAwaitingTheContractStepApart(CapturedOutput output) {
		String url = expanded("contract_report");
		ConfigurableApplicationContext report = Apps.start(url, CHANGELOG, "users.migration.mode=drift-report");
		SpringApplication.exit(report);
		assertThat(output).contains("Pending changesets: none")
			.contains("Awaiting the contract step (MIGRATION_MODE=contract): 1\n  - contract-nickname ("
					+ CONTRACT_FILE + ")");
	}

	@Test
	void everyModeButContractLeavesTheContractChangesetsPending() throws SQLException {
		String url = expanded("contract_apply");
		assertThat(applied(url)).contains("expand-nickname").doesNotContain("contract-nickname");
		try (ConfigurableApplicationContext app = Apps.start(url, CHANGELOG, "users.migration.mode=validate")) {
			HttpResponse<String> migrations = Http
				.get("http://localhost:" + app.getEnvironment().getProperty("local.server.port")
						+ "/actuator/migrations");
			assertThat(migrations.body()).contains("\"pending\":[]")
				.contains("\"contractPending\":[\"contract-nickname (" + CONTRACT_FILE + ")\"]");
		}
	}

	@Test
	void theContractStepWaitsUntilNoOlderReleaseIsConnectedThenAppliesAndExits() throws SQLException {
		String url = expanded("contract_step");
		try (Connection release010 = connect(url, "users-service/0.1.0"); Connection unnamed = connect(url, null)) {
			assertThatThrownBy(() -> Apps.start(url, CHANGELOG, "users.migration.mode=contract").close())
				.satisfies((thrown) -> assertThat(refusal(thrown).getMessage()).startsWith(
						"MIGRATION_MODE=contract: 2 sessions of a release older than ")
					.contains("'users-service/0.1.0' from ", "'PostgreSQL JDBC Driver' from ", "connected since ")
					.contains("nothing was applied"));
		}
		assertThat(applied(url)).doesNotContain("contract-nickname");
		try (ConfigurableApplicationContext app = Apps.start(url, CHANGELOG, "users.migration.mode=contract")) {
			assertThat(app.getEnvironment().getProperty("local.server.port")).as("no web server").isNull();
		}
		assertThat(applied(url)).contains("contract-nickname");
		assertThat(nullable(url, "nickname")).isEqualTo("NO");
	}

	@Test
	void theContractStepRefusesWhileAnExpandChangesetIsPending() throws SQLException {
		String url = TestPostgres.createDatabase("contract_early");
		assertThatThrownBy(() -> Apps.start(url, CHANGELOG, "users.migration.mode=contract").close())
			.satisfies((thrown) -> assertThat(refusal(thrown).getMessage())
				.startsWith("MIGRATION_MODE=contract: ")
				.contains("still pending", "expand-nickname (" + CONTRACT_FILE + ")")
				.doesNotContain("contract-nickname"));
		assertThat(applied(url)).isEmpty();
	}

	@Test
	void aRenameOfAColumnThePreviousReleaseMapsIsRefusedAtStartUpWithoutTheLabel() throws SQLException {
		String url = TestPostgres.createDatabase("contract_refused");
		String previous = Releases.fromClassPath(getClass().getClassLoader())
			.previous(Release.headVersion())
			.orElseThrow()
			.version();
		assertThatThrownBy(() -> Apps.start(url,
				"spring.liquibase.change-log=classpath:db/fixtures/compat/rename-email-changelog.yaml",
				"users.migration.guard.enabled=true").close())
			.satisfies((thrown) -> assertThat(refusal(thrown).getMessage()).isEqualTo("Refusing to apply 1 changeset "
					+ "that release " + previous + " cannot run against, without the label contract; nothing was "
					+ "applied:\n  - rename-email (db/fixtures/compat/rename-email-changelog.yaml) renames users.email "
					+ "to email_address, which release " + previous + " maps"));
		assertThat(applied(url)).isEmpty();
	}

	/** A database on which the service applied the fixture in apply mode: the expand part only. */
	private static String expanded(String prefix) {
		String url = TestPostgres.createDatabase(prefix);
		Apps.start(url, CHANGELOG, "spring.main.web-application-type=none").close();
		return url;
	}

	static MigrationRefusedException refusal(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof MigrationRefusedException refused) {
				return refused;
			}
		}
		throw new AssertionError("Not refused by the migration step", thrown);
	}

	private static Connection connect(String url, String applicationName) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", TestPostgres.username());
		properties.setProperty("password", TestPostgres.password());
		if (applicationName != null) {
			properties.setProperty("ApplicationName", applicationName);
		}
		return DriverManager.getConnection(url, properties);
	}

	private static List<String> applied(String url) throws SQLException {
		List<String> ids = new ArrayList<>();
		try (Connection connection = connect(url, "contract-mode-test"); Statement sql = connection.createStatement();
				ResultSet table = sql.executeQuery("SELECT to_regclass('databasechangelog') IS NOT NULL")) {
			table.next();
			if (!table.getBoolean(1)) {
				return ids;
			}
			try (ResultSet rows = sql.executeQuery("SELECT id FROM databasechangelog ORDER BY orderexecuted")) {
				while (rows.next()) {
					ids.add(rows.getString(1));
				}
			}
		}
		return ids;
	}

	private static String nullable(String url, String column) throws SQLException {
		try (Connection connection = connect(url, "contract-mode-test"); Statement sql = connection.createStatement();
				ResultSet row = sql.executeQuery("SELECT is_nullable FROM information_schema.columns "
						+ "WHERE table_name = 'users' AND column_name = '" + column + "'")) {
			row.next();
			return row.getString(1);
		}
	}

}
