package com.usersservice.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.usersservice.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.fail;

/**
 * The large-table patterns of db/fixtures/large-tables, applied by Liquibase to the real schema with rows in it, each
 * next to the blocking form it replaces, so that every check is seen to fail once. What is proven is behaviour (no
 * rewrite, writes not blocked, the constraint in place), never a duration: the figures are bench/large-tables.sh's.
 */
class LargeTablePatternsTests {

	private static final int ROWS = 100_000;

	private static final String FIXTURES = "db/fixtures/large-tables/";

	@Test
	void aConstantDefaultAddsTheColumnWithoutRewritingTheTable() throws Exception {
		Database db = loaded("large_default");
		String before = relfilenode(db);

		apply(db, "add-column-constant-default.yaml");

		assertThat(relfilenode(db)).as("relfilenode after the constant default").isEqualTo(before);
		assertThat(db.single("SELECT count(*) FROM users WHERE status = 'active'")).isEqualTo(String.valueOf(ROWS));

		apply(db, "add-column-volatile-default.yaml");

		assertThat(relfilenode(db)).as("a volatile default rewrites the table").isNotEqualTo(before);
	}

	@Test
	void theConcurrentIndexLetsInsertsThroughWhileItBuilds() throws Exception {
		Database db = loaded("large_cic");
		try (InsertLoad load = new InsertLoad(db.url()); Connection writer = MigratedDatabases.connect(db.url())) {
			// An open writing transaction keeps the build in its first wait, so "during the build" is certain.
			openWrite(writer);
			CompletableFuture<List<ApplyChangelog.Applied>> build = applyAsync(db, "create-index-concurrently.yaml");
			await(() -> buildInProgress(db), "the index build to start");
			int atStart = load.inserted();
			await(() -> load.inserted() >= atStart + 200 || build.isDone(), "inserts during the build");

			assertThat(buildInProgress(db)).as("still building").isTrue();
			assertThat(load.inserted()).as("inserts made while the index was building").isGreaterThanOrEqualTo(atStart + 200);
			writer.commit();
			assertThat(build.get(120, TimeUnit.SECONDS)).extracting(ApplyChangelog.Applied::id)
				.containsExactly("large-index-created-at");
			load.close();
			assertThat(load.errors()).as("insert errors").isEmpty();
		}
		assertThat(db.single("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_created_at_idx'::regclass"))
			.isEqualTo("t");
	}

	@Test
	void thePlainIndexMakesInsertsWaitForTheWholeBuild() throws Exception {
		Database db = loaded("large_blocking_index");
		try (Connection writer = MigratedDatabases.connect(db.url());
				Connection inserter = MigratedDatabases.connect(db.url())) {
			openWrite(writer);
			CompletableFuture<List<ApplyChangelog.Applied>> build = applyAsync(db, "create-index-blocking.yaml");
			await(() -> "1".equals(db.single("SELECT count(*) FROM pg_locks WHERE NOT granted AND mode = 'ShareLock' "
					+ "AND relation = 'users'::regclass")), "createIndex to wait for its SHARE lock");
			try (Statement statement = inserter.createStatement()) {
				statement.execute("SET lock_timeout = '200ms'");
				assertThatException()
					.isThrownBy(() -> statement.execute("INSERT INTO users (name, email) VALUES ('Late', 'late@example.com')"))
					.isInstanceOfSatisfying(SQLException.class,
							(ex) -> assertThat(ex.getSQLState()).as("lock_not_available").isEqualTo("55P03"));
			}
			writer.commit();
			build.get(120, TimeUnit.SECONDS);
		}
	}

	@Test
	void theCheckFirstPatternEndsWithANotNullColumnAndNoCheck() throws Exception {
		Database db = loaded("large_not_null");
		apply(db, "add-column-constant-default.yaml");

		assertThat(apply(db, "not-null-via-check.yaml")).extracting(ApplyChangelog.Applied::id)
			.containsExactly("large-status-not-null-1", "large-status-not-null-2", "large-status-not-null-3");

		assertThat(db.single("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'users' "
				+ "AND column_name = 'status'")).isEqualTo("NO");
		assertThat(checks(db)).isEmpty();
	}

	@Test
	void theCheckFirstPatternFailsNamingTheChangesetWhenANullIsLeft() throws Exception {
		Database db = loaded("large_not_null_fails");
		apply(db, "add-column-constant-default.yaml");
		db.execute("UPDATE users SET status = NULL WHERE id = (SELECT min(id) FROM users)");

		assertThatException().isThrownBy(() -> apply(db, "not-null-via-check.yaml"))
			.withMessageContaining("Migration failed for changeset "
					+ "db/fixtures/large-tables/not-null-via-check.yaml::large-status-not-null-2::users-service team")
			.withMessageContaining("check constraint \"users_status_not_null\" of relation \"users\" is violated by "
					+ "some row");
		assertThat(db.single("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'users' "
				+ "AND column_name = 'status'")).isEqualTo("YES");
		assertThat(db.column("SELECT id FROM databasechangelog WHERE id LIKE 'large-status-not-null-%'"))
			.containsExactly("large-status-not-null-1");
	}

	/** A copy of one migrated database holding ROWS users, loaded once per test JVM. */
	private static Database loaded(String prefix) {
		return new Database(TestPostgres.copyDatabase(prefix, Loaded.URL), TestPostgres.username(),
				TestPostgres.password());
	}

	private static final class Loaded {

		static final String URL = load(MigratedDatabases.create("large_loaded"));

		private static String load(String url) {
			Database db = new Database(url, TestPostgres.username(), TestPostgres.password());
			db.execute("INSERT INTO users (name, email) SELECT 'User ' || g, 'user' || g || '@example.com' "
					+ "FROM generate_series(1, " + ROWS + ") g");
			db.execute("VACUUM ANALYZE users");
			return url;
		}

	}

	private static List<ApplyChangelog.Applied> apply(Database db, String fixture) throws Exception {
		try (Connection connection = MigratedDatabases.connect(db.url())) {
			return ApplyChangelog.update(connection, FIXTURES + fixture);
		}
	}

	private static CompletableFuture<List<ApplyChangelog.Applied>> applyAsync(Database db, String fixture) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return apply(db, fixture);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private static void openWrite(Connection writer) throws SQLException {
		writer.setAutoCommit(false);
		try (Statement statement = writer.createStatement()) {
			statement.execute("INSERT INTO users (name, email) VALUES ('Open', 'open@example.com')");
		}
	}

	private static boolean buildInProgress(Database db) {
		return "1".equals(db.single("SELECT count(*) FROM pg_stat_progress_create_index "
				+ "WHERE relid = 'users'::regclass"));
	}

	private static String relfilenode(Database db) {
		return db.single("SELECT relfilenode FROM pg_class WHERE oid = 'users'::regclass");
	}

	private static List<String> checks(Database db) {
		return db.column("SELECT conname FROM pg_constraint WHERE conrelid = 'users'::regclass AND contype = 'c'");
	}

	/** Polls until the condition holds; a bound on waiting, not a measurement. */
	private static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				fail("Gave up waiting for " + what);
			}
			Thread.sleep(20);
		}
	}

}
