package com.usersservice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DBA's command as the first one on a fresh clone (no target/): {@code ./mvnw liquibase:updateSQL} compiles the
 * script header first and writes target/liquibase/migrate.sql with it, naming the clone's commit; plain Maven, which
 * cannot compile for a goal run on its own, refuses in one line, without a stack trace and without a script.
 */
class FreshCloneOfflineSqlIT {

	private static final Path BASEDIR = Path.of(System.getProperty("user.dir")).toAbsolutePath();

	@Test
	void theWrapperWritesTheScriptWithItsHeaderAsTheFirstCommand(@TempDir Path clone) throws Exception {
		String commit = freshClone(clone);

		Result result = run(clone, clone.resolve("mvnw").toString(), "-B", "-q", "liquibase:updateSQL");

		assertThat(result.exit()).as(result.output()).isZero();
		Path script = clone.resolve("target/liquibase/migrate.sql");
		assertThat(script).exists();
		List<String> lines = Files.readAllLines(script);
		assertThat(lines.get(1)).isEqualTo("-- users-service migration script");
		assertThat(lines.get(2)).as("the version and the clone's commit, recorded by the build")
			.matches("-- generated from: users-service \\S+, commit " + commit.substring(0, 12));
		assertThat(String.join("\n", lines)).contains("CREATE TABLE users");
	}

	@Test
	void plainMavenRefusesInOneLineWithoutAStackTraceOrAScript(@TempDir Path clone) throws Exception {
		freshClone(clone);

		Result result = run(clone, plainMaven().toString(), "-B", "liquibase:updateSQL");

		assertThat(result.exit()).isNotZero();
		assertThat(result.output().lines().filter((line) -> line.contains("Not compiled yet")))
			.singleElement()
			.asString()
			.contains("run ./mvnw with the same arguments (it compiles first)");
		assertThat(result.output()).as("no stack trace").doesNotContainPattern("\\n\\s+at [a-z]+\\.");
		assertThat(clone.resolve("target/liquibase/migrate.sql")).doesNotExist();
	}

	/** The project's files (tracked and new, never target/), committed in a new repository; returns the commit. */
	private static String freshClone(Path clone) throws Exception {
		Result files = run(BASEDIR, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard");
		assertThat(files.exit()).as(files.output()).isZero();
		for (String file : files.output().split("\0")) {
			Path source = BASEDIR.resolve(file);
			if (!file.isEmpty() && Files.isRegularFile(source)) {
				Path target = clone.resolve(file);
				Files.createDirectories(target.getParent());
				Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
		assertThat(clone.resolve("target")).doesNotExist();
		for (List<String> git : List.of(List.of("init", "-q"), List.of("add", "-A"),
				List.of("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "clone"))) {
			List<String> command = new ArrayList<>(List.of("git"));
			command.addAll(git);
			Result result = run(clone, command.toArray(String[]::new));
			assertThat(result.exit()).as(result.output()).isZero();
		}
		return run(clone, "git", "rev-parse", "HEAD").output().strip();
	}

	/** The Maven the wrapper downloaded, run directly: what a DBA's own mvn does. */
	private static Path plainMaven() throws IOException {
		Path home = Path.of(System.getenv().getOrDefault("MAVEN_USER_HOME",
				System.getProperty("user.home") + "/.m2"), "wrapper", "dists");
		try (Stream<Path> found = Files.find(home, 4, (path, attributes) -> path.endsWith("bin/mvn"))) {
			return found.findFirst().orElseThrow(() -> new AssertionError("No Maven under " + home));
		}
	}

	private static Result run(Path directory, String... command) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.endsWith("_DATABASE_URL"));
		builder.environment().merge("MAVEN_OPTS", "-XX:TieredStopAtLevel=1", (own, fast) -> own + " " + fast);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("%s finished", String.join(" ", command)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private record Result(int exit, String output) {
	}

}
