package com.usersservice.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.usersservice.AppProcess;
import com.usersservice.Http;
import com.usersservice.PackagedJar;
import com.usersservice.ProdEnvironment;
import com.usersservice.TestMariaDb;
import com.usersservice.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged jar in the prod profile with a changeset that sleeps 20 s ({@code db/it/slow-changelog.yaml}).
 * {@code MIGRATION_MODE=background}: live at once and all along, not ready and {@code /users} 503 until the changeset
 * is recorded, then ready and serving. SIGTERM in the middle of it, in background and in apply mode: the process ends
 * within 30 s, the statement no longer runs on the server, the advisory lock is free, nothing of the changeset stays,
 * and the next start applies it. {@code MIGRATION_DEADLINE=5s}: a non-zero exit naming the changeset and the deadline,
 * and the same clean database. On MariaDB, SIGTERM too (where one runs). The timeline and the exit times are written
 * to target/it-measurements/background.txt.
 */
// One of the slowest integration classes: it starts first, so that no core waits for it at the end of the run.
@Order(1)
class BackgroundMigrationIT {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration SIGTERM_LIMIT = Duration.ofSeconds(30);

	@Test
	void servesLiveWhileMigratingStopsCleanlyOnSigtermAndTheNextStartAppliesTheChangeset() {
		Service service = new Service("background", "background");
		Duration exit;
		try (AppProcess first = service.start("background-sigterm", 20)) {
			service.awaitSleeping(first);
			assertThat(service.liveness()).isEqualTo(200);
			HttpResponse<String> readiness = service.readinessWithDetails();
			assertThat(readiness.statusCode()).isEqualTo(503);
			JsonNode migrations = read(readiness).path("components").path("migrations");
			assertThat(migrations.path("status").asString()).isEqualTo("DOWN");
			assertThat(migrations.path("details").path("migrating").asBoolean()).isTrue();
			assertThat(migrations.path("details").path("changeset").asString()).isEqualTo(service.slow());
			assertMigrating(first.get("/users?size=5"));
			JsonNode running = read(service.actuator("/actuator/migrations")).path("running");
			assertThat(running.path("changeset").asString()).isEqualTo(service.slow());
			assertThat(Instant.parse(running.path("since").asString())).isBefore(Instant.now());

			exit = sigterm(first);
			record("background mode, SIGTERM during the 20 s changeset: exit code %d%n", first.awaitExit());
			assertThat(first.output()).contains("The service is stopping: the migration stopped after ")
				.contains(", during changeset " + service.slow() + ": its statement was cancelled on the database and "
						+ "the changeset rolled back; the migration lock is released");
		}
		service.assertNothingLeft();
		record("background mode, SIGTERM during the 20 s changeset: exited %d ms after the signal%n",
				exit.toMillis());

		List<String> timeline = new ArrayList<>();
		try (AppProcess second = service.start("background-timeline", 20)) {
			observeUntilReady(service, second, timeline);
			assertThat(second.get("/users?size=5").statusCode()).isEqualTo(200);
			assertThat(second.output()).contains("Changeset " + service.slow() + " executed in");
		}
		assertThat(service.database().column("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
			.containsExactly("20261130-0001-1", "20261130-0002-1", "20261203-0001-1", "20261203-0001-2", "slow-1");
		record("background mode, 20 s changeset, probes every second (t = seconds since the start):%n%s%n",
				String.join(System.lineSeparator(), timeline));
	}

	@Test
	void aDeadlineCancelsTheChangesetAndEndsTheProcessNonZero() {
		Service service = new Service("background_deadline", "background");
		service.environment().put("MIGRATION_DEADLINE", "5s");
		try (AppProcess process = service.start("background-deadline", 20)) {
			int code = process.awaitExit();
			assertThat(code).as(process.tail()).isNotZero();
			assertThat(process.output()).contains("MIGRATION_DEADLINE of 5s passed: the migration stopped after ")
				.contains(", during changeset " + service.slow() + ": its statement was cancelled")
				.contains("APPLICATION FAILED TO START");
		}
		service.assertNothingLeft();
	}

	@Test
	void sigtermStopsAnApplyModeMigrationBeforeTheServerIsUp() {
		Service service = new Service("apply_sigterm", "apply");
		Duration exit;
		try (AppProcess process = service.start("apply-sigterm", 20)) {
			service.awaitSleeping(process);
			exit = sigterm(process);
			assertThat(process.output()).contains("The service is stopping: the migration stopped after ")
				.contains(", during changeset " + service.slow() + ": its statement was cancelled on the database");
		}
		service.assertNothingLeft();
		record("apply mode, SIGTERM during the 20 s changeset: exited %d ms after the signal%n", exit.toMillis());
	}

	/**
	 * MariaDB has no transactional DDL, so the changeset only sleeps there; the statement is ended with KILL QUERY and
	 * the changeset fails at its next boundary, so neither the statement, the lock nor a history row stays.
	 */
	@Test
	void sigtermStopsABackgroundMigrationOnMariadb() {
		assumeTrue(TestMariaDb.available(), TestMariaDb.UNAVAILABLE);
		Database database = new Database(TestMariaDb.createDatabase("background"), TestMariaDb.username(),
				TestMariaDb.password());
		String schema = TestMariaDb.databaseName(database.url());
		String sleeping = "SELECT id FROM information_schema.processlist WHERE db = '" + schema
				+ "' AND info LIKE 'select sleep%'";
		Path changelog = Database.copyToFile("db/it/slow-changelog.yaml", "background-mariadb.yaml");
		Map<String, String> environment = new HashMap<>(Map.of("MIGRATION_MODE", "background",
				"SPRING_LIQUIBASE_CHANGE_LOG", "file:" + changelog, "PROD_DATABASE_USERNAME", TestMariaDb.username(),
				"PROD_DATABASE_PASSWORD", TestMariaDb.password()));
		Duration exit;
		try (AppProcess process = PackagedJar.startProd("background-mariadb-sigterm", database.url(), environment,
				"--spring.liquibase.parameters.sleep_seconds=20")) {
			Instant deadline = Instant.now().plus(AppProcess.START_TIMEOUT);
			while (database.single(sleeping) == null) {
				process.assertAlive();
				assertThat(Instant.now()).as("the slow changeset never started").isBefore(deadline);
				AppProcess.pause(Duration.ofMillis(200));
			}
			exit = sigterm(process);
			assertThat(process.output()).contains("The service is stopping: the migration stopped after ")
				.contains(", during changeset slow-1-mariadb (file:" + changelog + ")");
		}
		assertThat(database.single(sleeping)).as("a connection still running the changeset's statement").isNull();
		assertThat(database.single("SELECT is_used_lock('" + schema.toUpperCase() + ".DATABASECHANGELOGLOCK')"))
			.as("the lock's holder").isNull();
		assertThat(database.column("SELECT id FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED"))
			.containsExactly("20261130-0001-1", "20261130-0002-2", "20261203-0001-1", "20261203-0001-3");
		record("background mode on MariaDB, SIGTERM during the 20 s changeset: exited %d ms after the signal%n",
				exit.toMillis());
	}

	/**
	 * Probes liveness, readiness and the API once a second from the start until the service is ready: liveness never
	 * fails once it answered, readiness and the API wait for the changeset's history row.
	 */
	private static void observeUntilReady(Service service, AppProcess process, List<String> timeline) {
		Instant start = Instant.now();
		boolean live = false;
		boolean sawMigrating = false;
		Instant deadline = start.plus(AppProcess.START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			process.assertAlive();
			long tick = System.nanoTime();
			int liveness = service.liveness();
			int readiness = service.readiness();
			HttpResponse<String> users = tryGet(process, "/users?size=5");
			boolean applied = "1".equals(service.database()
				.single("SELECT count(*) FROM databasechangelog WHERE id = 'slow-1'"));
			boolean sleeping = service.sleeping() != null;
			timeline.add(String.format("t=%5.1f liveness=%s readiness=%s users=%s changeset=%s",
					Duration.between(start, Instant.now()).toMillis() / 1000.0, code(liveness), code(readiness),
					(users != null) ? users.statusCode() : "-",
					applied ? "applied" : (sleeping ? "running" : "pending")));
			if (live) {
				assertThat(liveness).as("liveness once it answered: %s", timeline).isEqualTo(200);
			}
			live |= liveness == 200;
			if (!applied) {
				assertThat(readiness).as("readiness before the changeset is applied: %s", timeline).isNotEqualTo(200);
				if (users != null) {
					assertMigrating(users);
				}
			}
			sawMigrating |= sleeping && liveness == 200;
			if (readiness == 200) {
				assertThat(applied).isTrue();
				assertThat(sawMigrating).as("live while the changeset ran: %s", timeline).isTrue();
				assertThat(users).isNotNull();
				assertThat(users.statusCode()).as("the API once ready: %s", timeline).isEqualTo(200);
				return;
			}
			AppProcess.pause(Duration.ofMillis(Math.max(0, 1000 - (System.nanoTime() - tick) / 1_000_000)));
		}
		throw new AssertionError("Not ready within " + AppProcess.START_TIMEOUT + ": " + timeline);
	}

	/** SIGTERM, as Kubernetes sends it; returns how long the process took to end, which must be under 30 s. */
	private static Duration sigterm(AppProcess process) {
		Instant sent = Instant.now();
		ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
		while (process.isAlive()) {
			assertThat(Duration.between(sent, Instant.now())).as("exit after SIGTERM:\n%s", process.tail())
				.isLessThan(SIGTERM_LIMIT);
			AppProcess.pause(Duration.ofMillis(50));
		}
		return Duration.between(sent, Instant.now());
	}

	private static void assertMigrating(HttpResponse<String> users) {
		assertThat(users.statusCode()).isEqualTo(503);
		assertThat(Http.contentType(users)).isEqualTo("application/problem+json");
		assertThat(users.headers().firstValue("Retry-After")).hasValue("10");
		JsonNode problem = read(users);
		assertThat(problem.path("status").asInt()).isEqualTo(503);
		assertThat(problem.path("detail").asString()).contains("migrating its database");
	}

	private static HttpResponse<String> tryGet(AppProcess process, String path) {
		try {
			return process.get(path);
		}
		catch (UncheckedIOException notListening) {
			return null;
		}
	}

	private static String code(int status) {
		return (status < 0) ? "-" : String.valueOf(status);
	}

	private static JsonNode read(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	private static void record(String format, Object... values) {
		String text = String.format(format, values);
		System.out.print(text);
		try {
			Path file = Files.createDirectories(Path.of("target", "it-measurements")).resolve("background.txt");
			Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One database, one changelog copy and the variables of every start of one test. */
	private static final class Service {

		private final Database database;

		private final Map<String, String> environment = new HashMap<>();

		private final int managementPort = ProdEnvironment.freePort();

		private final Path changelog;

		Service(String name, String mode) {
			String url = TestPostgres.createDatabase(name);
			this.database = new Database(url, TestPostgres.username(), TestPostgres.password());
			this.changelog = Database.copyToFile("db/it/slow-changelog.yaml", name + ".yaml");
			this.environment.put("SPRING_LIQUIBASE_CHANGE_LOG", "file:" + this.changelog);
			this.environment.put("MIGRATION_MODE", mode);
			this.environment.put("MANAGEMENT_PORT", String.valueOf(this.managementPort));
		}

		Database database() {
			return this.database;
		}

		/** The slow changeset as the service names it: id and the changelog it was read from. */
		String slow() {
			return "slow-1 (file:" + this.changelog + ")";
		}

		Map<String, String> environment() {
			return this.environment;
		}

		AppProcess start(String name, int sleepSeconds) {
			return PackagedJar.startProd(name, this.database.url(), this.environment,
					"--spring.liquibase.parameters.sleep_seconds=" + sleepSeconds);
		}

		/** The backend that runs the slow changeset's statement, or null. */
		String sleeping() {
			return this.database.single("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
					+ " AND state = 'active' AND query LIKE 'select pg_sleep%'");
		}

		void awaitSleeping(AppProcess process) {
			Instant deadline = Instant.now().plus(AppProcess.START_TIMEOUT);
			while (sleeping() == null) {
				process.assertAlive();
				assertThat(Instant.now()).as("the slow changeset never started:\n%s", process.tail())
					.isBefore(deadline);
				AppProcess.pause(Duration.ofMillis(200));
			}
		}

		/** After the process: no statement of it on the server, no advisory lock, nothing of the changeset. */
		void assertNothingLeft() {
			assertThat(sleeping()).as("a backend still running the changeset's statement").isNull();
			assertThat(this.database.single("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
					+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
				.as("advisory locks held")
				.isEqualTo("0");
			assertThat(this.database.column("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
				.containsExactly("20261130-0001-1", "20261130-0002-1", "20261203-0001-1", "20261203-0001-2");
			assertThat(this.database.tableExists("slow_marker")).as("the changeset's table").isFalse();
		}

		int liveness() {
			return status("/actuator/health/liveness");
		}

		int readiness() {
			return status("/actuator/health/readiness");
		}

		HttpResponse<String> readinessWithDetails() {
			return actuator("/actuator/health/readiness");
		}

		HttpResponse<String> actuator(String path) {
			return Http.get("http://localhost:" + this.managementPort + path, "ops", "prod-jar-test");
		}

		private int status(String path) {
			try {
				return Http.get("http://localhost:" + this.managementPort + path).statusCode();
			}
			catch (UncheckedIOException notListening) {
				return -1;
			}
		}

	}

}
