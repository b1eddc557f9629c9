package com.usersservice.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import liquibase.ContextExpression;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.usersservice.TestPostgres;
import com.usersservice.UsersServiceApplication;
import com.usersservice.migration.fastpath.ChangesetManifest;

import static org.assertj.core.api.Assertions.assertThat;

/** The real changelog on empty PostgreSQL databases: applied on boot, idempotent, and reversible changeset by changeset. */
class ChangelogTests {

	private static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

	private static final String HISTORY = "select id, filename, dateexecuted, orderexecuted, md5sum from databasechangelog order by orderexecuted";

	@Test
	void bootAppliesTheChangelogToAnEmptyDatabaseAndASecondBootRunsNothing() {
		String url = TestPostgres.createDatabase("boot_twice");
		List<Map<String, Object>> history;
		try (ConfigurableApplicationContext first = boot(url, "test")) {
			JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
			history = jdbc.queryForList(HISTORY);
			// Every changeset the test context runs on PostgreSQL, recorded under the path Spring reads it from.
			assertThat(history).extracting((row) -> row.get("id") + " " + row.get("filename"))
				.containsExactlyElementsOf(expected("test"));
			assertThat(history).extracting((row) -> row.get("id")).contains("20261130-0001-1", "20261130-0002-1");
			jdbc.update("insert into users (name, email) values ('Kept', 'kept@example.com')");
		}
		try (ConfigurableApplicationContext second = boot(url, "test")) {
			JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList(HISTORY)).isEqualTo(history);
			assertThat(jdbc.queryForList("select email from users", String.class)).containsExactly("kept@example.com");
		}
	}

	@Test
	void seedUsersArriveOnlyInTheDevContext() {
		String dev = TestPostgres.createDatabase("seed_dev");
		try (ConfigurableApplicationContext context = boot(dev, "dev")) {
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("select count(*) from users", Integer.class))
				.isEqualTo(5);
		}
		String prod = TestPostgres.createDatabase("seed_prod");
		try (ConfigurableApplicationContext context = boot(prod, "prod")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("select count(*) from users", Integer.class)).isZero();
			assertThat(jdbc.queryForList("select id from databasechangelog", String.class))
				.doesNotContain("20261130-0003-1");
		}
	}

	@Test
	@SuppressWarnings("deprecation") // the Liquibase facade is the shortest way to drive update/rollback in a test
	void everyChangesetRollsBackAndReapplies() throws Exception {
		String url = TestPostgres.createDatabase("rollback");
		try (Connection connection = DriverManager.getConnection(url, TestPostgres.username(), TestPostgres.password())) {
			Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
			Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
			Contexts all = new Contexts("dev");
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));

			liquibase.update(all, new LabelExpression());
			int applied = count(jdbc, "databasechangelog");
			assertThat(applied).isEqualTo(expected("dev").size());
			assertThat(count(jdbc, "users")).isEqualTo(5);

			// One changeset at a time, newest first: each rollback must succeed on what the earlier ones built.
			for (int left = applied - 1; left >= 0; left--) {
				liquibase.rollback(1, all, new LabelExpression());
				assertThat(count(jdbc, "databasechangelog")).isEqualTo(left);
			}
			assertThat(tableExists(jdbc, "users")).isFalse();

			liquibase.update(all, new LabelExpression());
			assertThat(count(jdbc, "databasechangelog")).isEqualTo(applied);
			assertThat(count(jdbc, "users")).isEqualTo(5);
			assertThat(indexes(jdbc)).contains("users_email_lower_uq");
		}
	}

	/** "id filename" of each changeset the build's manifest says runs on PostgreSQL in this context, in order. */
	private static List<String> expected(String context) {
		return ChangesetManifest.load(ChangelogTests.class.getClassLoader())
			.entries()
			.stream()
			.filter((entry) -> new ContextExpression(entry.contexts()).matches(new Contexts(context)))
			.filter((entry) -> entry.checksums().containsKey("postgresql"))
			.map((entry) -> entry.id() + " " + entry.file())
			.toList();
	}

	private static ConfigurableApplicationContext boot(String url, String profile) {
		return new SpringApplicationBuilder(UsersServiceApplication.class).web(WebApplicationType.NONE)
			.profiles(profile)
			// Arguments, not builder properties: those are defaults that the profile's own datasource would override.
			.run("--spring.datasource.url=" + url, "--spring.datasource.username=" + TestPostgres.username(),
					"--spring.datasource.password=" + TestPostgres.password(),
					// prod requires the actuator account even where no web server runs.
					"--ACTUATOR_USERNAME=ops", "--ACTUATOR_PASSWORD=unused");
	}

	private static int count(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject("select count(*) from " + table, Integer.class);
	}

	private static boolean tableExists(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class, table);
	}

	private static List<String> indexes(JdbcTemplate jdbc) {
		return jdbc.queryForList("select indexname from pg_indexes where tablename = 'users'", String.class);
	}

}
