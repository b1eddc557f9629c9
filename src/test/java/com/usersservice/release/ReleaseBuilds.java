package com.usersservice.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A release's {@code app.jar}, built from git history once and kept under {@code target/releases/<version>/}: the
 * commit's tree ({@code git archive}) built by its own wrapper, {@code ./mvnw -B -q package -DskipTests}. The jar is
 * reused while {@code commit} beside it names the same commit. A build is also kept in a store shared by every clone
 * of the machine, by commit ({@code users.release-builds}: the build puts it in the local Maven repository, beside the
 * dependencies the release was built with), so that a fresh clone on a warm machine builds no release again. Test
 * classes running at once in one JVM, or two JVMs, take turns (a monitor per version, and a file lock).
 */
public final class ReleaseBuilds {

	static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);

	private static final Map<Path, Object> monitors = new ConcurrentHashMap<>();

	private final Path repository;

	private final Path cache;

	private final List<String> build;

	private final Path store;

	ReleaseBuilds(Path repository, Path cache, List<String> build, Path store) {
		this.repository = repository;
		this.cache = cache;
		this.build = build;
		this.store = store;
	}

	/**
	 * The project's own history, cached under target/releases and in the shared store the build names (none when the
	 * tests run without it, from an IDE say).
	 */
	public static ReleaseBuilds ofProject() {
		String store = System.getProperty("users.release-builds", "");
		return new ReleaseBuilds(Path.of("").toAbsolutePath(), Path.of("target", "releases").toAbsolutePath(),
				List.of("./mvnw", "-B", "-q", "package", "-DskipTests"),
				store.isBlank() ? null : Path.of(store).toAbsolutePath());
	}

	/**
	 * The release's jar: from the cache, from the store, or built now. Fails, saying how to fetch it, when the commit
	 * is missing.
	 */
	public Path jar(Release release) {
		Path directory = this.cache.resolve(release.version());
		synchronized (monitors.computeIfAbsent(directory, (key) -> new Object())) {
			try {
				Files.createDirectories(directory);
				try (FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
						StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
					return cachedOrBuilt(release, directory);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private Path cachedOrBuilt(Release release, Path directory) throws IOException {
		Path jar = directory.resolve("app.jar");
		Path marker = directory.resolve("commit");
		if (Files.isRegularFile(jar) && Files.isRegularFile(marker)
				&& Files.readString(marker).strip().equals(release.commit())) {
			return jar;
		}
		Files.deleteIfExists(marker);
		Path stored = (this.store != null) ? this.store.resolve(release.commit()).resolve("app.jar") : null;
		if (stored != null && Files.isRegularFile(stored)) {
			Files.copy(stored, jar, StandardCopyOption.REPLACE_EXISTING);
			Files.writeString(marker, release.commit() + "\n");
			return jar;
		}
		requireCommit(release);
		Path source = directory.resolve("src");
		delete(source);
		Files.createDirectories(source);
		Path archive = directory.resolve("src.tar");
		run(this.repository, directory.resolve("archive.log"), Duration.ofMinutes(2), "git", "archive", "--format=tar",
				"-o", archive.toString(), release.commit());
		run(source, directory.resolve("archive.log"), Duration.ofMinutes(2), "tar", "-xf", archive.toString());
		Files.delete(archive);
		run(source, directory.resolve("build.log"), BUILD_TIMEOUT, this.build.toArray(String[]::new));
		Files.copy(source.resolve("target/app.jar"), jar, StandardCopyOption.REPLACE_EXISTING);
		Files.writeString(marker, release.commit() + "\n");
		if (stored != null) {
			store(jar, stored);
		}
		// The tree and its target/ are several times the jar's size; the jar is all the tests start.
		delete(source);
		return jar;
	}

	/** Whole or not at all: another clone may be reading the store at the same moment. */
	private static void store(Path jar, Path stored) throws IOException {
		Files.createDirectories(stored.getParent());
		Path partial = Files.createTempFile(stored.getParent(), "app-", ".partial");
		try {
			Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
			Files.move(partial, stored, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	private void requireCommit(Release release) {
		Result found = run(this.repository, "git", "cat-file", "-e", release.commit() + "^{commit}");
		if (found.exit() != 0) {
			throw new AssertionError(missingCommit(release, found.output()));
		}
	}

	static String missingCommit(Release release, String gitSays) {
		return "Release " + release.version() + " (releases.tsv) is built from commit " + release.commit()
				+ ", which this clone does not have: it is shallow or was made without history. Fetch the history with"
				+ " 'git fetch --unshallow' (or just this commit: 'git fetch origin " + release.commit()
				+ "'), then run the tests again." + (gitSays.isBlank() ? "" : " git said: " + gitSays.strip());
	}

	private static void run(Path directory, Path log, Duration timeout, String... command) throws IOException {
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + " in "
						+ directory + "; output: " + log);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException(ex);
		}
		if (process.exitValue() != 0) {
			String output = Files.readString(log, StandardCharsets.UTF_8);
			throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + ") in "
					+ directory + ":\n" + output.substring(Math.max(0, output.length() - 4000)));
		}
	}

	private static Result run(Path directory, String... command) {
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return new Result(process.waitFor(), output);
		}
		catch (IOException ex) {
			return new Result(-1, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void delete(Path tree) throws IOException {
		if (Files.exists(tree)) {
			try (Stream<Path> paths = Files.walk(tree)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

	private record Result(int exit, String output) {
	}

}
