package com.usersservice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The build's skip policy (docs/testing.md), run by {@code ./mvnw verify} after the integration tests on what
 * {@link SkippedTestsListener} recorded in this build's test JVMs. With {@code CI=true} a skipped or aborted test, or a
 * class that ran no test, fails the build unless its class is on the allow-list with a reason; without it, one line
 * says what did not run and why. Arguments: the records directory, the allow-list file.
 */
public final class SkipPolicy {

	/** exec:java creates one to call {@link #main}. */
	public SkipPolicy() {
	}

	/**
	 * An instance method, which exec:java calls as it calls a static one: a second {@code public static void main}
	 * among the test classes would leave {@code ./mvnw spring-boot:test-run} unable to choose its application
	 * (BuildConfigurationTests).
	 */
	public void main(String[] args) throws IOException {
		Path records = Path.of(args[0]);
		Map<String, String> allowList = allowList(Path.of(args[1]));
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		if (!Files.isDirectory(records)) {
			System.out.println("[skip policy] no test ran in this build");
			return;
		}
		long ran = 0;
		List<Record> didNotRun = new ArrayList<>();
		try (Stream<Path> files = Files.list(records).sorted()) {
			for (Path file : files.toList()) {
				for (String line : Files.readAllLines(file)) {
					String[] fields = line.split("\t", 3);
					if (fields[0].equals("ran")) {
						ran += Long.parseLong(fields[1]);
					}
					else {
						didNotRun.add(new Record(fields[0], fields[1], fields[2]));
					}
				}
			}
		}
		List<String> refused = new ArrayList<>();
		List<String> described = new ArrayList<>();
		for (Record record : didNotRun) {
			String allowed = allowed(record.where(), allowList);
			described.add(record + ((allowed != null) ? " [allowed: " + allowed + "]" : ""));
			if (allowed == null) {
				refused.add(record.toString());
			}
		}
		if (ci && !refused.isEmpty()) {
			throw new IllegalStateException(("CI=true and %d test(s) or class(es) did not run:%n  %s%n"
					+ "Make them run here (.ci/run installs what the tests need), or put the class on "
					+ "src/test/allowed-skips.txt with the reason (docs/testing.md)")
				.formatted(refused.size(), String.join(System.lineSeparator() + "  ", refused)));
		}
		if (didNotRun.isEmpty()) {
			System.out.printf("[skip policy] %d tests ran; none skipped or aborted, no class without tests%n", ran);
		}
		else {
			System.out.printf("[skip policy] %d tests ran; %d did not: %s%s%n", ran, didNotRun.size(),
					String.join("; ", described), ci ? "" : " (with CI=true this fails the build unless allowed)");
		}
	}

	/** The class (simple or qualified name) of a record on the allow-list, with its reason; null when not listed. */
	private static String allowed(String where, Map<String, String> allowList) {
		String type = where.replaceFirst("[#$\\s].*$", "");
		String simpleName = type.substring(type.lastIndexOf('.') + 1);
		return (allowList.containsKey(type)) ? allowList.get(type) : allowList.get(simpleName);
	}

	/** {@code ClassName reason...} per line; blank lines and {@code #} comments ignored; a reason is required. */
	private static Map<String, String> allowList(Path file) throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		if (!Files.exists(file)) {
			return entries;
		}
		for (String line : Files.readAllLines(file)) {
			String entry = line.strip();
			if (entry.isEmpty() || entry.startsWith("#")) {
				continue;
			}
			String[] parts = entry.split("\\s+", 2);
			if (parts.length < 2) {
				throw new IllegalStateException(file + ": '" + entry + "' has no reason; say why it may not run");
			}
			entries.put(parts[0], parts[1]);
		}
		return entries;
	}

	private record Record(String kind, String where, String reason) {

		@Override
		public String toString() {
			return this.where + " (" + this.kind + ": " + this.reason + ")";
		}

	}

}
