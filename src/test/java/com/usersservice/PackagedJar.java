package com.usersservice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts the packaged service ({@code target/app.jar}) the way an operator starts it: {@code java -jar app.jar} with
 * the configuration in environment variables. The only additions are JVM options that shorten start-up.
 */
public final class PackagedJar {

	private static final Path JAR = Path.of("target", "app.jar").toAbsolutePath();

	private static final Path LOGS = Path.of("target", "it-logs").toAbsolutePath();

	private static final Path ARCHIVE = Path.of("target", "it-cds", "app.jsa").toAbsolutePath();

	private static final List<String> CLASS_DATA = List.of("-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:cds=off",
			"-Xlog:cds+dynamic=off");

	private static final Set<Process> started = ConcurrentHashMap.newKeySet();

	private static Boolean archived;

	// Whatever a failing test leaves running dies with the test JVM, not hours later.
	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> started.forEach(Process::destroyForcibly), "app-process-cleanup"));
	}

	private PackagedJar() {
	}

	/** Starts the jar from {@code workingDirectory} with only the given variables (plus PATH/HOME) set. */
	public static AppProcess start(Path workingDirectory, Map<String, String> environment) {
		return start(command(), workingDirectory, environment);
	}

	/**
	 * Starts {@code command} from {@code workingDirectory} with only the given variables (plus PATH/HOME) set; the
	 * HTTP port is {@code SERVER_PORT} and readiness is read on {@code MANAGEMENT_PORT} when that is set.
	 */
	public static AppProcess start(List<String> command, Path workingDirectory, Map<String, String> environment) {
		try {
			Files.createDirectories(LOGS);
			return launch("the service", command, workingDirectory, environment,
					Files.createTempFile(LOGS, "app-", ".log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts the jar from the project directory in the prod profile on the given database, as one of several
	 * replicas (a bounded heap each), with its output in target/it-logs/{name}.log.
	 */
	public static AppProcess startProd(String name, String databaseUrl, Map<String, String> variables,
			String... args) {
		List<String> command = new ArrayList<>(command());
		command.addAll(1, List.of("-Xmx256m", "-Djava.io.tmpdir=" + JAR.getParent()));
		command.addAll(List.of(args));
		Map<String, String> environment = ProdEnvironment.of(databaseUrl);
		environment.putAll(variables);
		return launch(name, command, Path.of("").toAbsolutePath(), environment, LOGS.resolve(name + ".log"));
	}

	/**
	 * Starts another build's jar (a release built from git history, or this build's) from the project directory with
	 * exactly these variables and JVM options (plus, for this build's jar, the class-data archive), its output in
	 * target/it-logs/{name}.log.
	 */
	public static AppProcess startJar(Path jar, String name, Map<String, String> environment, List<String> jvmOptions) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing");
		}
		List<String> command = new ArrayList<>(List.of(javaBinary()));
		command.addAll(jvmOptions);
		if (jar.toAbsolutePath().equals(JAR) && classDataArchive()) {
			// This build's jar: the class-data archive of its classes serves any heap and GC options.
			command.addAll(CLASS_DATA);
		}
		command.addAll(List.of("-Djava.io.tmpdir=" + JAR.getParent(), "-jar", jar.toString()));
		return launch(name, command, Path.of("").toAbsolutePath(), environment, LOGS.resolve(name + ".log"));
	}

	public static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * {@code java -jar app.jar}, plus C1 only (readiness with about a quarter less CPU), the serial collector (no GC
	 * threads competing for the two cores the test processes share) and, once a training start has written it, a
	 * class-data archive of the jar's classes (about a third less again).
	 */
	private static List<String> command() {
		List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
		if (classDataArchive()) {
			command.addAll(CLASS_DATA);
		}
		command.addAll(List.of("-jar", JAR.toString()));
		return command;
	}

	private static synchronized boolean classDataArchive() {
		if (archived == null) {
			archived = train();
		}
		return archived;
	}

	/** One prod start on a database of its own that stops after its context refresh and archives what it loaded. */
	private static boolean train() {
		try {
			Files.createDirectories(ARCHIVE.getParent());
			Files.deleteIfExists(ARCHIVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> command = List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:ArchiveClassesAtExit=" + ARCHIVE,
				"-Dspring.context.exit=onRefresh", "-jar", JAR.toString());
		AppProcess training = launch("the class-data training start", command, Path.of("").toAbsolutePath(),
				ProdEnvironment.of(TestPostgres.createDatabase("class_data")), LOGS.resolve("class-data-training.log"));
		training.awaitExit();
		// Without an archive the service only starts more slowly: nothing a test checks depends on it.
		return Files.isRegularFile(ARCHIVE);
	}

	private static AppProcess launch(String name, List<String> command, Path workingDirectory,
			Map<String, String> environment, Path log) {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR + " is missing: run the integration tests with ./mvnw verify");
		}
		int port = environment.containsKey("SERVER_PORT") ? Integer.parseInt(environment.get("SERVER_PORT"))
				: ProdEnvironment.freePort();
		int managementPort = environment.containsKey("MANAGEMENT_PORT")
				? Integer.parseInt(environment.get("MANAGEMENT_PORT")) : port;
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.directory(workingDirectory.toFile());
		Map<String, String> env = builder.environment();
		env.keySet().removeIf((variable) -> !variable.equals("PATH") && !variable.equals("HOME"));
		env.put("SERVER_PORT", String.valueOf(port));
		env.putAll(environment);
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		try {
			Files.createDirectories(log.getParent());
			Process process = builder.start();
			started.add(process);
			return new AppProcess(name, process, log, port, managementPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + String.join(" ", command), ex);
		}
	}

}
