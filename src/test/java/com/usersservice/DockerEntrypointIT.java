package com.usersservice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image without a Docker engine: the jar is extracted with the Dockerfile's own command, its layers
 * are laid out as the final stage's COPY instructions lay them out, the final stage's {@code java} RUNs (the AOT
 * cache's training) run there, and the service is started with the final stage's ENV and ENTRYPOINT, from its
 * WORKDIR, on a JDK of the base image's Java release. Only the database variables and free ports are added.
 */
class DockerEntrypointIT {

	@TempDir
	static Path image;

	private static DockerfileInstructions dockerfile;

	private static Path workdir;

	private static String imageJava;

	@BeforeAll
	static void layOutTheImage() throws Exception {
		dockerfile = DockerfileInstructions.parse(Path.of("Dockerfile"));
		imageJava = ImageJava.binary(dockerfile.javaRelease());
		Path layers = image.resolve("layers");
		String extract = dockerfile.runs()
			.stream()
			.flatMap((run) -> Stream.of(run.split("&&")))
			.map(String::trim)
			.filter((command) -> command.contains("-Djarmode=tools"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("The Dockerfile does not extract the jar's layers"));
		// The build stage runs it in /src with its layers in /layers; here: the project directory and a temp folder.
		List<String> command = new ArrayList<>(List.of(extract.replace("/layers", layers.toString()).split("\\s+")));
		command.set(0, PackagedJar.javaBinary());
		Process process = new ProcessBuilder(command).inheritIO().start();
		assertThat(process.waitFor(AppProcess.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command)).isZero();

		workdir = image.resolve(dockerfile.workdir().replaceFirst("^/", ""));
		Files.createDirectories(workdir);
		for (List<String> copy : dockerfile.copies()) {
			List<String> sources = copy.subList(copy.get(0).startsWith("--from=") ? 1 : 0, copy.size() - 1);
			Path target = workdir.resolve(copy.get(copy.size() - 1));
			for (String source : sources) {
				Path from = copy.get(0).startsWith("--from=") ? layers.resolve(source.replaceFirst("^/layers/", ""))
						: Path.of(source);
				copyInto(from, target);
			}
		}
		assertThat(workdir.resolve("app.jar")).exists();
		assertThat(workdir.resolve("config/application-prod.yml")).exists();
		for (DockerfileInstructions.StageRun run : dockerfile.stageRuns()) {
			if (run.command().startsWith("java ")) {
				List<String> java = new ArrayList<>(List.of(run.command().split("\\s+")));
				java.set(0, imageJava);
				AppProcess training = PackagedJar.start(java, workdir, run.env());
				assertThat(training.awaitExit()).as(training.output()).isZero();
			}
		}
	}

	@Test
	void theImageCarriesTheAotCacheItsJavaOptionsName() {
		assertThat(dockerfile.env().get("JAVA_TOOL_OPTIONS")).contains("-XX:AOTCache=app.aot");
		assertThat(workdir.resolve("app.aot")).isNotEmptyFile();
	}

	@Test
	void theImageCommandServesWithItsOwnEnvironmentAndProbesOnTheManagementPort() throws Exception {
		String url = TestPostgres.createDatabase("image_apply");
		Map<String, String> env = environment(url, "apply");
		// A cache the JVM cannot use (other classpath, other flags) would be ignored quietly; here it fails the start.
		env.put("JAVA_TOOL_OPTIONS", env.get("JAVA_TOOL_OPTIONS") + " -XX:AOTMode=on");
		try (AppProcess app = PackagedJar.start(entrypoint(), workdir, env).awaitReady()) {
			assertThat(app.get("/users").statusCode()).isEqualTo(200);
			// Prod logs JSON, where the quotes around the profile are escaped.
			assertThat(app.output()).containsPattern("The following 1 profile is active: \\\\?\"prod\\\\?\"");
		}
	}

	@Test
	void theMigrateOnlyContainerCommandMigratesAndExitsZero() throws Exception {
		String url = TestPostgres.createDatabase("image_migrate");
		AppProcess migrate = PackagedJar.start(entrypoint(), workdir, environment(url, "migrate-only"));
		assertThat(migrate.awaitExit()).as(migrate.output()).isZero();
		try (Connection connection = DriverManager.getConnection(url, TestPostgres.username(), TestPostgres.password());
				ResultSet rows = connection.createStatement()
					.executeQuery("select count(*) from databasechangelog")) {
			rows.next();
			assertThat(rows.getInt(1)).isPositive();
		}
	}

	private static List<String> entrypoint() {
		List<String> command = new ArrayList<>(dockerfile.entrypoint());
		assertThat(command.get(0)).isEqualTo("java");
		command.set(0, imageJava);
		return command;
	}

	private static Map<String, String> environment(String url, String mode) throws IOException {
		Map<String, String> env = new HashMap<>(dockerfile.env());
		env.put("MIGRATION_MODE", mode);
		env.put("SERVER_PORT", String.valueOf(ProdEnvironment.freePort()));
		env.put("MANAGEMENT_PORT", String.valueOf(ProdEnvironment.freePort()));
		env.put("PROD_DATABASE_URL", url);
		env.put("PROD_DATABASE_USERNAME", TestPostgres.username());
		env.put("PROD_DATABASE_PASSWORD", TestPostgres.password());
		env.put("ACTUATOR_USERNAME", "ops");
		env.put("ACTUATOR_PASSWORD", "image-test-password");
		env.putAll(ProdEnvironment.issuer().variables());
		return env;
	}

	private static void copyInto(Path from, Path target) throws IOException {
		if (Files.isDirectory(from)) {
			try (Stream<Path> tree = Files.walk(from)) {
				for (Path path : (Iterable<Path>) tree::iterator) {
					Path destination = target.resolve(from.relativize(path).toString());
					if (Files.isDirectory(path)) {
						Files.createDirectories(destination);
					}
					else {
						Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
					}
				}
			}
		}
		else {
			Files.createDirectories(target);
			Files.copy(from, target.resolve(from.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
