package com.usersservice.release;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import com.usersservice.migration.compat.ReleaseVersion;
import com.usersservice.migration.compat.Releases;

/** One line of releases.tsv: a released version and the commit it was cut from. */
public record Release(String version, String commit) {

	/** releases.tsv of the project this test runs in. */
	public static final Path FILE = Path.of("releases.tsv").toAbsolutePath();

	/** This build's jar, the one every release upgrades to. */
	public static final Path HEAD_JAR = Path.of("target", "app.jar").toAbsolutePath();

	/**
	 * Orders versions as the service does ({@link ReleaseVersion}): numerically, a build on the way to a version
	 * ({@code 0.2.0-SNAPSHOT}) before it ({@code 0.2.0}).
	 */
	public static final Comparator<String> VERSION_ORDER = Comparator.comparing(Release::parseVersion);

	private static ReleaseVersion parseVersion(String version) {
		ReleaseVersion parsed = ReleaseVersion.parse(version);
		if (parsed == null) {
			throw new IllegalArgumentException("Not a version (major.minor.patch, optionally -SNAPSHOT): " + version);
		}
		return parsed;
	}

	public Release {
		if (!version.matches("[0-9]+(\\.[0-9]+)*") || !commit.matches("[0-9a-f]{40}")) {
			throw new IllegalArgumentException("Not a release line (version<TAB>40-digit commit): " + version + "\t"
					+ commit);
		}
	}

	/**
	 * Every release listed, oldest first, read as the service reads its packaged copy ({@link Releases}): blank lines
	 * and # comments are ignored.
	 */
	public static List<Release> all(Path file) {
		try {
			return Releases.parse(Files.readString(file))
				.all()
				.stream()
				.map((release) -> new Release(release.version(), release.commit()))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** This build's version (the pom's), as the build recorded it in build-info.properties. */
	public static String headVersion() {
		Path info = Path.of("target", "classes", "META-INF", "build-info.properties");
		try (BufferedReader reader = Files.newBufferedReader(info)) {
			Properties properties = new Properties();
			properties.load(reader);
			return properties.getProperty("build.version");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(info + " is missing: build with ./mvnw package first", ex);
		}
	}

	/** The newest release below {@code version} (a build's, e.g. 0.3.0-SNAPSHOT): the one it upgrades from. */
	public static Optional<Release> previous(List<Release> releases, String version) {
		return releases.stream()
			.filter((release) -> VERSION_ORDER.compare(release.version(), version) < 0)
			.max(Comparator.comparing(Release::version, VERSION_ORDER));
	}

}
