package com.usersservice.migration;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import com.usersservice.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Where the guard is on (prod), apply refuses pending destructive changesets that lack the label approved-destructive
 * before touching the database, and names each one; MIGRATION_ALLOW_DESTRUCTIVE lets them through for one deploy,
 * logged at WARN.
 */
@ExtendWith(OutputCaptureExtension.class)
class DestructiveChangeGuardTest {

	private static final String CHANGELOG = "spring.liquibase.change-log=classpath:db/fixtures/guard-changelog.yaml";

	private static final String GUARD = MigrationSettings.GUARD_PROPERTY + "=true";

	@Test
	void refusesUnapprovedPendingDestructiveChangesetsBeforeTouchingTheDatabase(CapturedOutput output)
			throws Exception {
		String url = TestPostgres.createDatabase("guard_refuses");
		assertThatException().isThrownBy(() -> Apps.start(url, CHANGELOG, GUARD, "spring.main.web-application-type=none"));
		assertThat(output).contains("Refusing to apply 2 destructive changesets without the label "
				+ "approved-destructive; nothing was applied:")
			.contains("- guard-2 (db/fixtures/guard-changelog.yaml) drops column users.legacy_code")
			.contains("- guard-4 (db/fixtures/guard-changelog.yaml) changes the type of users.legacy_label from "
					+ "varchar(100) to varchar(50) (not a provable widening)")
			.contains("set MIGRATION_ALLOW_DESTRUCTIVE to the changeset ids")
			.doesNotContain("- guard-3");
		assertThat(tableCount(url)).as("nothing may reach the database").isZero();
	}

	@Test
	void theOverrideLetsNamedChangesetsThroughAndIsLogged(CapturedOutput output) throws Exception {
		String url = TestPostgres.createDatabase("guard_override");
		Apps.start(url, CHANGELOG, GUARD, "spring.main.web-application-type=none",
				MigrationSettings.ALLOW_PROPERTY + "=guard-2, guard-4")
			.close();
		assertThat(output).containsPattern("WARN .*MIGRATION_ALLOW_DESTRUCTIVE lets an unapproved destructive "
				+ "changeset through: guard-2 \\(db/fixtures/guard-changelog.yaml\\) drops column users.legacy_code")
			.contains("through: guard-4 (db/fixtures/guard-changelog.yaml)");
		assertThat(appliedCount(url)).isEqualTo(8);

		// Once applied, a destructive changeset is history: the next deploy needs no override.
		Apps.start(url, CHANGELOG, GUARD, "spring.main.web-application-type=none").close();
	}

	@Test
	void anOverrideNamingOtherChangesetsStillRefuses(CapturedOutput output) {
		String url = TestPostgres.createDatabase("guard_partial");
		assertThatException().isThrownBy(() -> Apps.start(url, CHANGELOG, GUARD,
				"spring.main.web-application-type=none", MigrationSettings.ALLOW_PROPERTY + "=guard-2"));
		assertThat(output).contains("Refusing to apply 1 destructive changeset without the label")
			.contains("- guard-4 (db/fixtures/guard-changelog.yaml)");
	}

	@Test
	void isOnInProdOnly() throws IOException {
		assertThat(guardSetting("application-prod.yml")).isEqualTo(true);
		assertThat(guardSetting("src/main/resources/application.yml")).isEqualTo(false);
		assertThat(guardSetting("application-test.yml")).isNull();
		assertThat(guardSetting("application-dev.yml")).isNull();
	}

	private static Object guardSetting(String file) throws IOException {
		return new YamlPropertySourceLoader().load(file, new FileSystemResource(file))
			.stream()
			.map((source) -> ((PropertySource<?>) source).getProperty(MigrationSettings.GUARD_PROPERTY))
			.filter((value) -> value != null)
			.findFirst()
			.orElse(null);
	}

	private static int tableCount(String url) throws Exception {
		return count(url, "select count(*) from information_schema.tables where table_schema = 'public'");
	}

	private static int appliedCount(String url) throws Exception {
		return count(url, "select count(*) from databasechangelog");
	}

	private static int count(String url, String sql) throws Exception {
		try (Connection connection = MigratedDatabases.connect(url); Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery(sql)) {
			count.next();
			return count.getInt(1);
		}
	}

}
