package com.usersservice.release;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.usersservice.AppProcess;
import com.usersservice.PackagedJar;
import com.usersservice.ProdEnvironment;

/**
 * A rolling upgrade under load, from one build to the next, on one database: the old build serves a steady load
 * ({@link FleetLoad}) alone; the new build's {@code MIGRATION_MODE=migrate-only} runs (the Kubernetes Job); optionally
 * the new build's {@code MIGRATION_MODE=contract} is attempted too early; the new build starts beside the old one and
 * the load is spread over both; the old one is taken out of service and stopped (SIGTERM); the load finishes on the
 * new one. Then every user a client created is read back. Used by {@code MixedFleetIT} (short phases, asserted) and
 * {@code bench/mixed-fleet.sh} (long phases, reported).
 */
public final class MixedFleet {

	private MixedFleet() {
	}

	/** One build: the version it reports as, and its jar. */
	public record Build(String version, Path jar) {
	}

	/** The database both builds use, and its credentials. */
	public record Database(String url, String username, String password) {
	}

	/**
	 * {@code phase}: how long the load runs before the migration, in the mixed window and after; {@code clients}
	 * threads sending {@code rate} requests per second in all; {@code seedRows} users inserted with SQL before the
	 * old build starts serving (a table of a real size for the migration), or 0.
	 */
	public record Settings(Duration phase, int clients, int rate, int seedRows, boolean attemptContract,
			List<String> jvmOptions) {
	}

	public record PhaseFigures(String name, long millis, long requests, long serverErrors, double p50Millis,
			double p99Millis) {
	}

	public record ReleaseFigures(long requests, long serverErrors, long unexpectedAnswers, long lostWrites) {
	}

	/** A step run as a process of its own: its exit code and the end of its output. */
	public record Step(int exitCode, String output) {
	}

	public record Result(List<PhaseFigures> phases, Map<String, ReleaseFigures> releases, long usersVerified,
			Step migrateOnly, Step contract, List<String> problems) {

		public long serverErrors() {
			return this.releases.values().stream().mapToLong(ReleaseFigures::serverErrors).sum();
		}

		public long lostWrites() {
			return this.releases.values().stream().mapToLong(ReleaseFigures::lostWrites).sum();
		}

		public long unexpectedAnswers() {
			return this.releases.values().stream().mapToLong(ReleaseFigures::unexpectedAnswers).sum();
		}

		/** The figures as a table, one line per phase, then per release. */
		public String table() {
			StringBuilder table = new StringBuilder(String.format("%-22s %8s %9s %7s %9s %9s%n", "phase", "ms",
					"requests", "errors", "p50 ms", "p99 ms"));
			this.phases.forEach((phase) -> table.append(String.format("%-22s %8d %9d %7d %9.1f %9.1f%n", phase.name(),
					phase.millis(), phase.requests(), phase.serverErrors(), phase.p50Millis(), phase.p99Millis())));
			table.append(String.format("%n%-22s %9s %7s %11s %11s%n", "release", "requests", "errors", "unexpected",
					"lost writes"));
			this.releases.forEach((release, figures) -> table.append(String.format("%-22s %9d %7d %11d %11d%n",
					release, figures.requests(), figures.serverErrors(), figures.unexpectedAnswers(),
					figures.lostWrites())));
			table.append(String.format("%nusers read back: %d; migrate-only exit %d%s%n", this.usersVerified,
					this.migrateOnly.exitCode(),
					(this.contract != null) ? "; contract attempted early: exit " + this.contract.exitCode() : ""));
			return table.toString();
		}

	}

	public static Result run(Build old, Build next, Database database, Settings settings) throws Exception {
		Map<String, String> env = ProdEnvironment.of(database.url(), database.username(), database.password());
		// One token for the whole run (a fresh one per request would measure RSA signing): both scopes, long-lived.
		String authorization = "Bearer " + ProdEnvironment.issuer()
			.claims()
			.scope("users:read users:write")
			.expiresAt(Instant.now().plus(Duration.ofHours(6)))
			.signedWith(ProdEnvironment.issuer().rsa());
		if (settings.seedRows() > 0) {
			seed(old, database, env, settings);
		}
		FleetLoad load = new FleetLoad(settings.clients(), settings.rate());
		LoadRecord record = load.record();
		AppProcess previous = start(old, "fleet-" + old.version(), env, settings, "apply").awaitReady();
		AppProcess current = null;
		try {
			FleetLoad.Target oldTarget = new FleetLoad.Target(old.version(), new UsersApi(previous.port(),
					authorization));
			load.route(oldTarget);
			// The first requests of a fresh JVM are slow (class loading, JIT): not part of "before".
			load.start("warm-up");
			AppProcess.pause(settings.phase());
			record.phase("before");
			AppProcess.pause(settings.phase());

			record.phase("migration");
			Step migrateOnly = step(start(next, "fleet-" + next.version() + "-migrate-only", env, settings,
					"migrate-only"));
			Step contract = null;
			if (settings.attemptContract()) {
				record.phase("contract refused");
				contract = step(start(next, "fleet-" + next.version() + "-contract", env, settings, "contract"));
			}

			record.phase("new build starting");
			current = start(next, "fleet-" + next.version(), env, settings, "apply").awaitReady();
			load.route(new FleetLoad.Target(next.version(), new UsersApi(current.port(), authorization)));
			record.phase("mixed");
			AppProcess.pause(settings.phase());

			record.phase("after");
			load.unroute(oldTarget);
			previous.close();
			AppProcess.pause(settings.phase());
			load.stop();

			long verified = load.verify(new UsersApi(current.port(), authorization));
			return new Result(record.phases(), record.releases(), verified, migrateOnly, contract, record.problems());
		}
		finally {
			load.stop();
			previous.close();
			if (current != null) {
				current.close();
			}
		}
	}

	private static AppProcess start(Build build, String name, Map<String, String> env, Settings settings,
			String mode) {
		Map<String, String> variables = new HashMap<>(env);
		variables.put("MIGRATION_MODE", mode);
		variables.put("MANAGEMENT_PORT", String.valueOf(ProdEnvironment.freePort()));
		return PackagedJar.startJar(build.jar(), name, variables, settings.jvmOptions());
	}

	/** The old build creates its schema (migrate-only), then one INSERT … SELECT adds the rows. */
	private static void seed(Build old, Database database, Map<String, String> env, Settings settings)
			throws Exception {
		Step schema = step(start(old, "fleet-" + old.version() + "-schema", env, settings, "migrate-only"));
		if (schema.exitCode() != 0) {
			throw new IllegalStateException(old.version() + " could not create its schema:\n" + schema.output());
		}
		try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
				database.password()); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO users (name, email) SELECT 'Seed ' || g, 'seed' || g || '@example.com' "
					+ "FROM generate_series(1, " + settings.seedRows() + ") g");
			statement.execute("VACUUM ANALYZE users");
		}
	}

	private static Step step(AppProcess process) {
		int exit = process.awaitExit();
		return new Step(exit, process.tail());
	}

}
