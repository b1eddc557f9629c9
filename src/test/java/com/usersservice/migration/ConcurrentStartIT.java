package com.usersservice.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.usersservice.AppProcess;
import com.usersservice.PackagedJar;
import com.usersservice.TestPostgres;
import com.usersservice.migration.lock.CrashSafePostgresLockService;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas of the packaged service started at the same moment on one database: every one becomes ready, every
 * changeset is applied exactly once (one history row, and the replicas' own update summaries add up to the
 * pending count), and the schema is complete. JVMs start seconds apart and a migration takes milliseconds, so to
 * make the replicas really race the test first holds them back, then lets them all go at the same instant: on the
 * empty database by creating Liquibase's history table itself in a transaction it leaves open (a replica that
 * creates it too blocks on it; one that waits for the migration lock first, as it should, does not), on the
 * database one changeset behind by holding the migration lock.
 */
@ResourceLock(MavenLiquibase.LIQUIBASE)
// One of the slowest integration classes: it starts first, so that no core waits for it at the end of the run.
@Order(1)
class ConcurrentStartIT {

	static final int REPLICAS = 4;

	static final List<String> PROD_CHANGESETS = List.of("20261130-0001-1", "20261130-0002-1", "20261203-0001-1",
			"20261203-0001-2");

	private static final Pattern RUN = Pattern.compile("Run:\\s+(\\d+)");

	@Test
	void replicasOnAnEmptyDatabaseApplyEachChangesetOnce() {
		Database database = newDatabase("replicas_empty");
		List<String> logs = startAtOnce("replicas-empty", database, new UncommittedHistoryTable(database));

		assertAppliedOnce(database);
		assertThat(changesetsRunBy(logs)).as("changesets run, summed over the replicas' update summaries")
			.isEqualTo(PROD_CHANGESETS.size());
		record("empty database", logs);
	}

	@Test
	void replicasOnADatabaseOneChangesetBehindApplyTheMissingOneOnce() throws Exception {
		Database database = newDatabase("replicas_behind");
		List<String> allButLast = PROD_CHANGESETS.subList(0, PROD_CHANGESETS.size() - 1);
		applyFirstChangesets(database, allButLast.size());
		assertThat(database.column("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
			.containsExactlyElementsOf(allButLast);

		List<String> logs = startAtOnce("replicas-behind", database, new HeldMigrationLock(database));

		assertAppliedOnce(database);
		assertThat(changesetsRunBy(logs)).as("changesets run, summed over the replicas' update summaries")
			.isEqualTo(1);
		record("one changeset behind", logs);
	}

	private static Database newDatabase(String prefix) {
		System.setProperty("liquibase.analytics.enabled", "false");
		return new Database(TestPostgres.createDatabase(prefix), TestPostgres.username(), TestPostgres.password());
	}

	/**
	 * Starts all replicas behind the gate, opens it once every one is held there, waits until each is ready, and
	 * returns their logs.
	 */
	private static List<String> startAtOnce(String name, Database database, Gate gate) {
		List<AppProcess> replicas = new ArrayList<>();
		try (gate) {
			for (int i = 1; i <= REPLICAS; i++) {
				replicas.add(PackagedJar.startProd(name + "-" + i, database.url(), Map.of()));
			}
			Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
			while (gate.held(replicas) < REPLICAS) {
				replicas.forEach(AppProcess::assertAlive);
				assertThat(Instant.now()).as("all replicas held at the gate").isBefore(deadline);
				AppProcess.pause(Duration.ofMillis(200));
			}
			gate.open();
			replicas.forEach(AppProcess::awaitReady);
			return replicas.stream().map(AppProcess::output).toList();
		}
		catch (SQLException | LiquibaseException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			replicas.forEach(AppProcess::close);
		}
	}

	private static Connection connect(Database database) throws SQLException {
		return DriverManager.getConnection(database.url(), TestPostgres.username(), TestPostgres.password());
	}

	private static long waitingForLock(List<AppProcess> replicas) {
		return replicas.stream().filter((replica) -> replica.output().contains("Waiting for changelog lock")).count();
	}

	/** Holds replicas back until {@link #open()}. */
	interface Gate extends AutoCloseable {

		/** How many replicas are held now. */
		long held(List<AppProcess> replicas);

		void open() throws SQLException, LiquibaseException;

		@Override
		void close() throws SQLException;

	}

	/** The history table, created in a transaction left open: anyone creating it too blocks until it ends. */
	static final class UncommittedHistoryTable implements Gate {

		private final Database database;

		private final Connection connection;

		UncommittedHistoryTable(Database database) {
			this.database = database;
			try {
				this.connection = connect(database);
				this.connection.setAutoCommit(false);
				try (Statement statement = this.connection.createStatement()) {
					statement.execute("CREATE TABLE databasechangelog (id int)");
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public long held(List<AppProcess> replicas) {
			long blocked = Long.parseLong(this.database.single("SELECT count(*) FROM pg_stat_activity"
					+ " WHERE datname = current_database() AND wait_event_type = 'Lock'"
					+ " AND query ILIKE 'CREATE TABLE%databasechangelog%'"));
			return blocked + waitingForLock(replicas);
		}

		@Override
		public void open() throws SQLException {
			this.connection.rollback();
		}

		@Override
		public void close() throws SQLException {
			this.connection.close();
		}

	}

	/** The migration lock itself, taken through the service's own lock service. */
	static final class HeldMigrationLock implements Gate {

		private final Connection connection;

		private final LockService lock;

		HeldMigrationLock(Database database) {
			try {
				this.connection = connect(database);
				this.lock = LockServiceFactory.getInstance()
					.getLockService(DatabaseFactory.getInstance()
						.findCorrectDatabaseImplementation(new JdbcConnection(this.connection)));
				assertThat(this.lock).isInstanceOf(CrashSafePostgresLockService.class);
				this.lock.waitForLock();
			}
			catch (SQLException | LiquibaseException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public long held(List<AppProcess> replicas) {
			return waitingForLock(replicas);
		}

		@Override
		public void open() throws LiquibaseException {
			this.lock.releaseLock();
		}

		@Override
		public void close() throws SQLException {
			this.connection.close();
		}

	}

	private static void assertAppliedOnce(Database database) {
		assertThat(database.column("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
			.containsExactlyElementsOf(PROD_CHANGESETS);
		assertThat(database.single("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_lower_uq'"))
			.isEqualTo("1");
		assertThat(database.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"
				+ " ORDER BY ordinal_position"))
			.containsExactly("id", "name", "email", "created_at", "updated_at");
	}

	private static int changesetsRunBy(List<String> logs) {
		int total = 0;
		for (String log : logs) {
			Matcher run = RUN.matcher(log);
			assertThat(run.find()).as("every replica logs Liquibase's update summary").isTrue();
			total += Integer.parseInt(run.group(1));
		}
		return total;
	}

	private static void applyFirstChangesets(Database database, int count) throws SQLException, LiquibaseException {
		try (Connection connection = DriverManager.getConnection(database.url(), TestPostgres.username(),
				TestPostgres.password());
				Liquibase liquibase = new Liquibase("db/changelog/db.changelog-master.yaml",
						new ClassLoaderResourceAccessor(), DatabaseFactory.getInstance()
							.findCorrectDatabaseImplementation(new JdbcConnection(connection)))) {
			liquibase.update(count, new Contexts("prod"), new LabelExpression());
		}
	}

	private static void record(String situation, List<String> logs) {
		String line = "%d replicas released at the same instant, %s: all ready; each changeset applied once%n"
			.formatted(logs.size(), situation);
		System.out.print(line);
		try {
			Path file = Files.createDirectories(Path.of("target", "it-measurements")).resolve("replicas.txt");
			Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
