package com.usersservice.release;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** One line of releases.tsv: a released version and the commit it was cut from. */
public record Release(String version, String commit) {

	/** releases.tsv of the project this test runs in. */
	public static final Path FILE = Path.of("releases.tsv").toAbsolutePath();

	/** This build's jar, the one every release upgrades to. */
	public static final Path HEAD_JAR = Path.of("target", "app.jar").toAbsolutePath();

	/** Orders versions numerically, a pre-release ({@code 0.2.0-SNAPSHOT}) before its release ({@code 0.2.0}). */
	public static final Comparator<String> VERSION_ORDER = Release::compareVersions;

	public Release {
		if (!version.matches("[0-9]+(\\.[0-9]+)*") || !commit.matches("[0-9a-f]{40}")) {
			throw new IllegalArgumentException("Not a release line (version<TAB>40-digit commit): " + version + "\t"
					+ commit);
		}
	}

	/** Every release listed, oldest first; blank lines and # comments are ignored. */
	public static List<Release> all(Path file) {
		try {
			List<Release> releases = new ArrayList<>();
			for (String line : Files.readAllLines(file)) {
				if (!line.isBlank() && !line.startsWith("#")) {
					String[] fields = line.strip().split("\t");
					if (fields.length != 2) {
						throw new IllegalArgumentException(file + ": not version<TAB>commit: " + line);
					}
					releases.add(new Release(fields[0], fields[1]));
				}
			}
			return releases;
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
			.filter((release) -> compareVersions(release.version(), version) < 0)
			.max(Comparator.comparing(Release::version, VERSION_ORDER));
	}

	static int compareVersions(String left, String right) {
		String[] a = left.split("-", 2);
		String[] b = right.split("-", 2);
		String[] x = a[0].split("\\.");
		String[] y = b[0].split("\\.");
		for (int i = 0; i < Math.max(x.length, y.length); i++) {
			long p = (i < x.length) ? Long.parseLong(x[i]) : 0;
			long q = (i < y.length) ? Long.parseLong(y[i]) : 0;
			if (p != q) {
				return Long.compare(p, q);
			}
		}
		if (a.length == b.length) {
			return (a.length == 1) ? 0 : a[1].compareTo(b[1]);
		}
		return (a.length == 1) ? 1 : -1;
	}

}
