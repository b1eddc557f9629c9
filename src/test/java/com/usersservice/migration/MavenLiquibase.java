package com.usersservice.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the documented commands ({@code ./mvnw liquibase:updateSQL -Denv=prod}, ...) as a DBA would, in a separate
 * Maven process on this project, so the tests prove the commands and not a copy of their configuration.
 */
final class MavenLiquibase {

	static final Path BASEDIR = Path.of(System.getProperty("user.dir")).toAbsolutePath();

	/** Where the tests' scripts go; target/liquibase/ is left to the documented defaults. */
	static final Path OUTPUT = BASEDIR.resolve("target/it-sql");

	private static final List<String> ENVIRONMENT_VARIABLES = List.of("DEV", "TEST", "PROD")
		.stream()
		.flatMap((env) -> List.of(env + "_DATABASE_URL", env + "_DATABASE_USERNAME", env + "_DATABASE_PASSWORD")
			.stream())
		.toList();

	/**
	 * The lock of the ITs that run Liquibase in the test JVM or through ./mvnw, so that they run one at a time:
	 * Liquibase keeps JVM-wide state, and two offline runs started in the same millisecond share a history file.
	 */
	static final String LIQUIBASE = "liquibase";

	/** What {@code ./mvnw liquibase:updateSQL} writes when run as documented. */
	static final Path MIGRATE_SQL = BASEDIR.resolve("target/liquibase/migrate.sql");

	private static boolean migrateSqlWritten;

	private MavenLiquibase() {
	}

	/** Runs exactly the documented command (no database, no credentials) once per test JVM; several tests read it. */
	static synchronized Path documentedMigrateSql() throws IOException {
		if (!migrateSqlWritten) {
			Files.deleteIfExists(MIGRATE_SQL);
			run("updateSQL", Map.of(), "liquibase:updateSQL");
			assertThat(MIGRATE_SQL).as("./mvnw liquibase:updateSQL writes target/liquibase/migrate.sql").exists();
			migrateSqlWritten = true;
		}
		return MIGRATE_SQL;
	}

	/** Runs {@code ./mvnw -B -q <arguments>} with exactly the given *_DATABASE_* variables; fails with Maven's output. */
	static void run(String name, Map<String, String> environment, String... arguments) {
		int exit = exitCode(name, environment, arguments);
		if (exit != 0) {
			fail("./mvnw %s exited with %d:%n%s", String.join(" ", arguments), exit, log(name));
		}
	}

	/** Runs {@code ./mvnw -B -q <arguments>}; its output goes to target/it-sql/{name}.log. */
	static int exitCode(String name, Map<String, String> environment, String... arguments) {
		List<String> command = new ArrayList<>(List.of(BASEDIR.resolve("mvnw").toString(), "-B", "-q"));
		command.addAll(List.of(arguments));
		try {
			Files.createDirectories(OUTPUT);
			ProcessBuilder builder = new ProcessBuilder(command).directory(BASEDIR.toFile())
				.redirectErrorStream(true)
				.redirectOutput(OUTPUT.resolve(name + ".log").toFile());
			ENVIRONMENT_VARIABLES.forEach(builder.environment()::remove);
			// Maven's own JVM, not the command: C1 alone starts Maven with about a third less CPU.
			builder.environment().merge("MAVEN_OPTS", "-XX:TieredStopAtLevel=1", (own, fast) -> own + " " + fast);
			builder.environment().putAll(environment);
			return builder.start().waitFor();
		}
		catch (IOException ex) {
			return fail("Could not run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("Interrupted while running " + String.join(" ", command));
		}
	}

	private static String log(String name) {
		try {
			return Files.readString(OUTPUT.resolve(name + ".log"));
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

	/** Runs the goal with its SQL written to target/it-sql/{name}.sql and returns that file. */
	static Path sql(String name, Map<String, String> environment, String goal, String... arguments) {
		Path script = OUTPUT.resolve(name + ".sql");
		String outputProperty = goal.equals("liquibase:futureRollbackSQL") ? "liquibase.outputFile"
				: "liquibase.migrationSqlOutputFile";
		List<String> all = new ArrayList<>(List.of(goal, "-D" + outputProperty + "=" + script));
		all.addAll(List.of(arguments));
		run(name, environment, all.toArray(String[]::new));
		assertThat(script).as("the script %s writes", goal).exists();
		return script;
	}

	/** The variables -Denv={env} reads, pointing at the given database. */
	static Map<String, String> environment(String env, String url, String username, String password) {
		String prefix = env.toUpperCase(Locale.ROOT);
		return Map.of(prefix + "_DATABASE_URL", url, prefix + "_DATABASE_USERNAME", username,
				prefix + "_DATABASE_PASSWORD", password);
	}

}
