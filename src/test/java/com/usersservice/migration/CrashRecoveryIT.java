package com.usersservice.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.usersservice.AppProcess;
import com.usersservice.PackagedJar;
import com.usersservice.TestMariaDb;
import com.usersservice.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kill -9 in the middle of a changeset, then start again: the lock is a database session lock, so the next start
 * proceeds by itself (no releaseLocks), and the killed changeset left nothing behind. The first process sleeps for
 * ten minutes inside the changeset: if the database kept the lock until the statement ended (or forever, as with a
 * lock row), the lock would not be free in time and this test fail. On PostgreSQL it must be free within 10 s of the
 * kill. The time from the kill until the lock is free is written to target/it-measurements/.
 */
// One of the slowest integration classes: it starts first, so that no core waits for it at the end of the run.
@Order(1)
class CrashRecoveryIT {

	@Test
	void postgresqlFreesTheLockOfAKilledProcessAndRollsItsChangesetBack() {
		String url = TestPostgres.createDatabase("crash");
		Database database = new Database(url, TestPostgres.username(), TestPostgres.password());
		Engine postgres = new Engine("postgresql", database,
				"SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'"
						+ " AND query LIKE 'select pg_sleep%'",
				"SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
						+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
				// The lock's session watches its socket (client_connection_check_interval, docs/operations.md).
				Duration.ofSeconds(10));
		crashAndRestart(postgres, Map.of());

		assertThat(database.column("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
			.containsExactly("20261130-0001-1", "20261130-0002-1", "20261203-0001-1", "20261203-0001-2", "slow-1");
		assertThat(database.column("SELECT filename FROM databasechangelog WHERE id LIKE '20261130-%'"))
			.allSatisfy((filename) -> assertThat(filename).startsWith("db/changelog/changes/"));
		assertThat(database.single("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_lower_uq'"))
			.isEqualTo("1");
		// No lock table at all: nothing an operator could ever have to unlock by hand.
		assertThat(database.tableExists("databasechangeloglock")).isFalse();
	}

	@Test
	void mariadbFreesTheLockOfAKilledProcess() {
		assumeTrue(TestMariaDb.available(), TestMariaDb.UNAVAILABLE);
		Database database = new Database(TestMariaDb.createDatabase("crash"), TestMariaDb.username(),
				TestMariaDb.password());
		String schema = TestMariaDb.databaseName(database.url());
		Engine mariadb = new Engine("mariadb", database,
				"SELECT id FROM information_schema.processlist WHERE db = '" + schema + "' AND info LIKE 'select sleep%'",
				"SELECT is_used_lock('" + schema.toUpperCase() + ".DATABASECHANGELOGLOCK')",
				// SLEEP() notices a dead client within seconds; there is no setting to make that sooner.
				Duration.ofSeconds(30));
		crashAndRestart(mariadb, Map.of("PROD_DATABASE_USERNAME", TestMariaDb.username(), "PROD_DATABASE_PASSWORD",
				TestMariaDb.password()));

		assertThat(database.column("SELECT id FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED"))
			.containsExactly("20261130-0001-1", "20261130-0002-2", "20261203-0001-1", "20261203-0001-3", "slow-1-mariadb");
		assertThat(database.tableExists("DATABASECHANGELOGLOCK")).isFalse();
	}

	private void crashAndRestart(Engine engine, Map<String, String> variables) {
		Path changelog = Database.copyToFile("db/it/slow-changelog.yaml", "crash-" + engine.name() + ".yaml");
		Map<String, String> environment = new HashMap<>(variables);
		environment.put("SPRING_LIQUIBASE_CHANGE_LOG", "file:" + changelog);
		try (AppProcess first = PackagedJar.startProd("crash-" + engine.name() + "-first",
				engine.database().url(), environment, "--spring.liquibase.parameters.sleep_seconds=600")) {
			String sleeper = awaitValue(engine.database(), engine.sleepingQuery(), first);
			String holder = engine.database().single(engine.lockHolderQuery());
			assertThat(holder).as("the lock is held by the sleeping session").isEqualTo(sleeper);

			try (AppProcess second = PackagedJar.startProd("crash-" + engine.name() + "-second",
					engine.database().url(), environment, "--spring.liquibase.parameters.sleep_seconds=1")) {
				second.awaitOutput("Waiting for changelog lock");
				Instant killed = Instant.now();
				first.kill9();
				Instant freed = awaitLockLeaves(engine, sleeper, killed);
				second.awaitReady();

				String log = second.output();
				assertThat(log).contains("Successfully acquired change log lock")
					.doesNotContain("Could not acquire change log lock")
					.contains("Running Changeset: file:");
				record(engine.name(), Duration.between(killed, freed));
			}
		}
	}

	/**
	 * Polls until the lock holder is no longer the killed session (that is how long a restart waits); fails when the
	 * engine's promise is broken: the lock is still held {@code maxLockWait} after the kill.
	 */
	private static Instant awaitLockLeaves(Engine engine, String killedSession, Instant killed) {
		Instant deadline = killed.plus(engine.maxLockWait());
		while (Instant.now().isBefore(deadline)) {
			if (!killedSession.equals(engine.database().single(engine.lockHolderQuery()))) {
				return Instant.now();
			}
			AppProcess.pause(Duration.ofMillis(100));
		}
		throw new AssertionError("The killed session " + killedSession + " still holds the " + engine.name()
				+ " lock " + engine.maxLockWait().toSeconds() + " s after kill -9");
	}

	private static String awaitValue(Database database, String query, AppProcess process) {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
		while (Instant.now().isBefore(deadline)) {
			String value = database.single(query);
			if (value != null) {
				return value;
			}
			process.assertAlive();
			if (process.isReady()) {
				throw new AssertionError("The service started without running the slow changeset:\n" + process.tail());
			}
			AppProcess.pause(Duration.ofMillis(200));
		}
		throw new AssertionError("The slow changeset never started:\n" + process.tail());
	}

	private static void record(String engine, Duration wait) {
		String line = "%s: lock free %d ms after kill -9 of the process inside a 600 s changeset%n"
			.formatted(engine, wait.toMillis());
		System.out.print(line);
		try {
			Path file = Files.createDirectories(Path.of("target", "it-measurements")).resolve("lock-wait.txt");
			Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Engine(String name, Database database, String sleepingQuery, String lockHolderQuery, Duration maxLockWait) {
	}

}
