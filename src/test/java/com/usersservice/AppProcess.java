package com.usersservice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The packaged service running as a separate process ({@link PackagedJar} starts it); its output is in a file. */
public final class AppProcess implements AutoCloseable {

	/** Generous: several JVMs may start at once on two busy cores. Only a ceiling, never an assertion on speed. */
	public static final Duration START_TIMEOUT = Duration.ofMinutes(6);

	private final String name;

	private final Process process;

	private final Path log;

	private final int port;

	private final int managementPort;

	AppProcess(String name, Process process, Path log, int port, int managementPort) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.port = port;
		this.managementPort = managementPort;
	}

	public int port() {
		return this.port;
	}

	/** Where actuator listens: {@code MANAGEMENT_PORT} when it was set, else the server port. */
	public int managementPort() {
		return this.managementPort;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String tail() {
		String text = output();
		return text.substring(Math.max(0, text.length() - 6000));
	}

	/**
	 * Waits until readiness answers 200; fails with the end of the output when the process exits or the wait runs
	 * out, and then stops the process (the caller may never have got hold of it to close it).
	 */
	public AppProcess awaitReady() {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			assertAlive();
			if (isReady()) {
				return this;
			}
			pause(Duration.ofMillis(100));
		}
		this.process.destroyForcibly();
		throw new AssertionError(this.name + " was not ready within " + START_TIMEOUT + ":\n" + tail());
	}

	/** Waits for the process to end on its own and returns its exit code. */
	public int awaitExit() {
		try {
			if (!this.process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				throw new AssertionError(this.name + " did not exit within " + START_TIMEOUT + ":\n" + tail());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Waits until the output contains the text; fails if the process exits first. */
	public void awaitOutput(String text) {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (!output().contains(text)) {
			if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
				throw new AssertionError(this.name + " never logged '" + text + "':\n" + tail());
			}
			pause(Duration.ofMillis(100));
		}
	}

	/** Fails with the end of the output if the process has exited. */
	public void assertAlive() {
		if (!this.process.isAlive()) {
			throw new AssertionError(this.name + " exited with " + this.process.exitValue() + ":\n" + tail());
		}
	}

	public boolean isReady() {
		try {
			return Http.get("http://localhost:" + this.managementPort + "/actuator/health/readiness")
				.statusCode() == 200;
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

	/** GET as a client with a token of both API scopes ({@link ProdEnvironment#authorization()}). */
	public HttpResponse<String> get(String path) {
		return Http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", ProdEnvironment.authorization()));
	}

	/** POST a JSON body as a client with a token of both API scopes. */
	public HttpResponse<String> postJson(String path, String body) {
		return Http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", ProdEnvironment.authorization())
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
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
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

}
