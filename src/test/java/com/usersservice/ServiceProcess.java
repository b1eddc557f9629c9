package com.usersservice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/app.jar}) as a separate operating-system process, started as an operator starts
 * it: environment variables only. Its output goes to {@code target/it-logs/<name>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

	/** Generous: several JVMs may start at once on two busy cores. Only a ceiling, never an assertion on speed. */
	static final Duration START_TIMEOUT = Duration.ofMinutes(6);

	private final String name;

	private final Process process;

	private final Path log;

	private final int managementPort;

	private ServiceProcess(String name, Process process, Path log, int managementPort) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.managementPort = managementPort;
	}

	/** Starts the jar in the prod profile on the given database with random free ports. */
	public static ServiceProcess startProd(String name, String databaseUrl, Map<String, String> variables,
			String... args) {
		Path jar = Path.of("target", "app.jar").toAbsolutePath();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: run the integration tests with ./mvnw verify");
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-Xmx256m", "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(), "-jar", jar.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		int serverPort = freePort();
		int managementPort = freePort();
		Map<String, String> environment = builder.environment();
		environment.put("SPRING_PROFILES_ACTIVE", "prod");
		environment.put("PROD_DATABASE_URL", databaseUrl);
		environment.put("PROD_DATABASE_USERNAME", TestPostgres.username());
		environment.put("PROD_DATABASE_PASSWORD", TestPostgres.password());
		environment.put("ACTUATOR_USERNAME", "ops");
		environment.put("ACTUATOR_PASSWORD", "ops");
		environment.put("SERVER_PORT", String.valueOf(serverPort));
		environment.put("MANAGEMENT_PORT", String.valueOf(managementPort));
		environment.putAll(variables);
		try {
			Path logs = Files.createDirectories(Path.of("target", "it-logs"));
			Path log = logs.resolve(name + ".log");
			builder.redirectErrorStream(true).redirectOutput(log.toFile());
			return new ServiceProcess(name, builder.start(), log, managementPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	/** Waits until readiness answers UP; fails with the end of the log if the process exits or never gets there. */
	public ServiceProcess awaitReady() {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new AssertionError(this.name + " exited with " + this.process.exitValue() + " before it was ready:\n"
						+ tail());
			}
			if (isReady()) {
				return this;
			}
			pause(Duration.ofMillis(500));
		}
		throw new AssertionError(this.name + " was not ready within " + START_TIMEOUT + ":\n" + tail());
	}

	/** Waits until the process has exited by itself, and returns its exit code. */
	public int awaitExit() {
		try {
			if (!this.process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new AssertionError(this.name + " did not exit within " + START_TIMEOUT + ":\n" + tail());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Waits until the log contains the text; fails if the process exits first. */
	public void awaitLog(String text) {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (!log().contains(text)) {
			if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
				throw new AssertionError(this.name + " never logged '" + text + "':\n" + tail());
			}
			pause(Duration.ofMillis(200));
		}
	}

	/** Fails with the end of the log if the process has exited. */
	public void assertAlive() {
		if (!this.process.isAlive()) {
			throw new AssertionError(this.name + " exited with " + this.process.exitValue() + ":\n" + tail());
		}
	}

	public boolean isReady() {
		try {
			return Http.get("http://localhost:" + this.managementPort + "/actuator/health/readiness")
				.body()
				.contains("\"UP\"");
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	/** SIGKILL: no shutdown hook, no lock release, no rollback from the client side. */
	public void kill9() {
		this.process.destroyForcibly();
		awaitExit();
	}

	public long pid() {
		return this.process.pid();
	}

	public String log() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	public String tail() {
		String text = log();
		return text.substring(Math.max(0, text.length() - 6000));
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}
	}

	public static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
