package com.usersservice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/app.jar}) as a separate process, started the way an operator starts it:
 * {@code java -jar app.jar} with the configuration in environment variables. Output goes to a log file.
 */
public final class AppProcess implements AutoCloseable {

	private static final Path JAR = Path.of("target", "app.jar").toAbsolutePath();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final Set<Process> started = ConcurrentHashMap.newKeySet();

	// Whatever a failing test leaves running dies with the test JVM, not hours later.
	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> started.forEach(Process::destroyForcibly), "app-process-cleanup"));
	}

	private final Process process;

	private final Path log;

	private final int port;

	private final int managementPort;

	private AppProcess(Process process, Path log, int port, int managementPort) {
		this.process = process;
		this.log = log;
		this.port = port;
		this.managementPort = managementPort;
	}

	/** Starts the jar from {@code workingDirectory} with only the given variables (plus PATH/HOME) set. */
	public static AppProcess start(Path workingDirectory, Map<String, String> environment) {
		return start(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()), workingDirectory,
				environment);
	}

	/**
	 * Starts {@code command} from {@code workingDirectory} with only the given variables (plus PATH/HOME) set; the
	 * HTTP port is {@code SERVER_PORT} and readiness is read on {@code MANAGEMENT_PORT} when that is set.
	 */
	public static AppProcess start(List<String> command, Path workingDirectory, Map<String, String> environment) {
		try {
			int port = environment.containsKey("SERVER_PORT") ? Integer.parseInt(environment.get("SERVER_PORT"))
					: freePort();
			int managementPort = environment.containsKey("MANAGEMENT_PORT")
					? Integer.parseInt(environment.get("MANAGEMENT_PORT")) : port;
			Path log = Files.createTempFile(Path.of("target").toAbsolutePath(), "app-", ".log");
			ProcessBuilder builder = new ProcessBuilder(command);
			builder.directory(workingDirectory.toFile());
			Map<String, String> env = builder.environment();
			env.keySet().removeIf((name) -> !name.equals("PATH") && !name.equals("HOME"));
			env.put("SERVER_PORT", String.valueOf(port));
			env.putAll(environment);
			builder.redirectErrorStream(true).redirectOutput(log.toFile());
			Process process = builder.start();
			started.add(process);
			return new AppProcess(process, log, port, managementPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static Map<String, String> prodEnvironment(String jdbcUrl) {
		Map<String, String> env = new HashMap<>();
		env.put("SPRING_PROFILES_ACTIVE", "prod");
		env.put("PROD_DATABASE_URL", jdbcUrl);
		env.put("PROD_DATABASE_USERNAME", TestPostgres.username());
		env.put("PROD_DATABASE_PASSWORD", TestPostgres.password());
		env.put("ACTUATOR_USERNAME", "ops");
		env.put("ACTUATOR_PASSWORD", "prod-jar-test");
		try {
			// Actuator has a port of its own in prod; a free one, so that parallel runs do not meet on 8081.
			env.put("MANAGEMENT_PORT", String.valueOf(freePort()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return env;
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public String output() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits until readiness answers 200; fails with the process output when it exits or the wait runs out, and then
	 * stops the process (the caller never got hold of it to close it).
	 */
	public AppProcess awaitReady(Duration timeout) throws InterruptedException {
		try {
			return awaitReadiness(timeout);
		}
		catch (AssertionError | RuntimeException | InterruptedException ex) {
			this.process.destroyForcibly();
			throw ex;
		}
	}

	private AppProcess awaitReadiness(Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new AssertionError("The service exited with " + this.process.exitValue() + ":\n" + output());
			}
			try {
				if (send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort
						+ "/actuator/health/readiness"))).statusCode() == 200) {
					return this;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The service was not ready within " + timeout + ":\n" + output());
	}

	/** Waits for the process to end on its own and returns its exit code. */
	public int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly();
			throw new AssertionError("The service did not exit within " + timeout + ":\n" + output());
		}
		return this.process.exitValue();
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	public HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Resident set size in KiB, from /proc (Linux), or -1 where there is no /proc. */
	public long residentKib() {
		try {
			return Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))
				.stream()
				.filter((line) -> line.startsWith("VmRSS:"))
				.mapToLong((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")))
				.findFirst()
				.orElse(-1);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** Graceful stop (SIGTERM), as an orchestrator does. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	public static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
