package com.usersservice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A {@code java} of the Java release the container image runs: this JVM's when it is that release, else
 * {@code JAVA_<release>_HOME}, else a JDK installed beside this one. Without one the calling test is skipped, and says
 * why: the image's start (its AOT cache is tied to its release) cannot be reproduced on another JVM.
 */
final class ImageJava {

	private ImageJava() {
	}

	static String binary(int release) throws IOException {
		if (Runtime.version().feature() == release) {
			return PackagedJar.javaBinary();
		}
		List<Path> homes = new ArrayList<>();
		String named = System.getenv("JAVA_" + release + "_HOME");
		if (named != null) {
			homes.add(Path.of(named));
		}
		Path installed = Path.of(System.getProperty("java.home")).toRealPath().getParent();
		try (Stream<Path> siblings = Files.list(installed)) {
			siblings.sorted().forEach(homes::add);
		}
		for (Path home : homes) {
			Path java = home.resolve("bin/java");
			if (Files.isExecutable(java) && isRelease(home, release)) {
				return java.toString();
			}
		}
		Assumptions.abort("The image runs Java " + release + " and no JDK " + release + " was found (set JAVA_" + release
				+ "_HOME): the image's start and its AOT cache are not tested here");
		throw new AssertionError("unreachable");
	}

	private static boolean isRelease(Path home, int release) throws IOException {
		Path file = home.resolve("release");
		return Files.isRegularFile(file)
				&& Files.readAllLines(file).stream().anyMatch((line) -> line.startsWith("JAVA_VERSION=\"" + release));
	}

}
