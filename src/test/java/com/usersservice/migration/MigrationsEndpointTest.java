package com.usersservice.migration;

import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import com.usersservice.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/migrations} reports the changeset status, the drift of the live schema and the migration lock,
 * whether Liquibase's lock table or a PostgreSQL advisory lock holds it. The steps share one service and database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationsEndpointTest {

	private static String url;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		url = TestPostgres.createDatabase("endpoint");
		context = Apps.start(url);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	@Order(1)
	void reportsAMatchingDatabase() throws Exception {
		assertThat(migrations()).containsExactly(Map.entry("applied", 4), Map.entry("pending", List.of()),
				Map.entry("contractPending", List.of()), Map.entry("unknown", List.of()), Map.entry("checksumMismatches", List.of()),
				Map.entry("drift", List.of()), Map.entry("lock", Map.of("locked", false)));
	}

	@Test
	@Order(2)
	void reportsDriftAndPendingChangesets() throws Exception {
		MigratedDatabases.execute(url, "alter table users add column nickname varchar(20)",
				"delete from databasechangelog where id = '20261130-0002-1'");
		Map<String, Object> migrations = migrations();
		assertThat(migrations).containsEntry("applied", 3)
			.containsEntry("pending",
					List.of("20261130-0002-1 (db/changelog/changes/20261130-0002-unique-email.yaml)"))
			.containsEntry("drift", List.of("table users: extra column nickname (varchar(20))"));
	}

	@Test
	@Order(3)
	void reportsWhoHoldsTheLockTable() throws Exception {
		// Present with Liquibase's own lock service; a session-lock extension has none, so make sure it exists.
		MigratedDatabases.execute(url, "create table if not exists databasechangeloglock (id int primary key, "
				+ "locked boolean not null, lockgranted timestamp, lockedby varchar(255))",
				"insert into databasechangeloglock (id, locked) values (1, false) on conflict (id) do nothing");
		MigratedDatabases.execute(url, "update databasechangeloglock set locked = true, lockedby = 'deployer-7 "
				+ "(10.0.0.7)', lockgranted = timestamp '2026-11-30 06:00:00' where id = 1");
		assertThat(migrations().get("lock")).isEqualTo(Map.of("locked", true, "kind", "table DATABASECHANGELOGLOCK",
				"lockedBy", "deployer-7 (10.0.0.7)", "since",
				Timestamp.valueOf("2026-11-30 06:00:00").toInstant().toString()));
	}

	@Test
	@Order(4)
	void reportsAnAdvisoryLockWhenThereIsNoLockTable() throws Exception {
		MigratedDatabases.execute(url, "drop table if exists databasechangeloglock");
		assertThat(migrations().get("lock")).isEqualTo(Map.of("locked", false));
		try (Connection holder = MigratedDatabases.connect(url); Statement statement = holder.createStatement()) {
			statement.execute("set application_name = 'migrator'");
			statement.execute("select pg_advisory_lock(4242)");
			@SuppressWarnings("unchecked")
			Map<String, Object> lock = (Map<String, Object>) migrations().get("lock");
			assertThat(lock).containsEntry("locked", true).containsEntry("kind", "advisory lock");
			assertThat((String) lock.get("lockedBy")).startsWith("pid ").endsWith("(migrator)");
			assertThat(lock.get("since")).isNotNull();
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> migrations() throws Exception {
		var response = ValidateModeTest.get(context.getEnvironment().getProperty("local.server.port"),
				"/actuator/migrations");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonMapper.builder().build().readValue(response.body(), Map.class);
	}

}
