package com.usersservice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records, with the reason, every test and test class that did not run: a skipped or aborted (failed assumption)
 * test, a class skipped or aborted as a whole (which Surefire counts as neither run nor skipped: it vanishes), and a
 * class that ran zero tests. Registered through {@code META-INF/services}; when the build names a directory in
 * {@value #DIRECTORY_PROPERTY}, each test JVM writes one file there, which {@link SkipPolicy} reads at the end.
 */
public class SkippedTestsListener implements TestExecutionListener {

	static final String DIRECTORY_PROPERTY = "users.test-skips.directory";

	private final List<String> records = new ArrayList<>();

	/** The containers with a test that started or a record of why one did not: not a class without tests. */
	private final Set<String> accountedFor = new HashSet<>();

	private TestPlan plan;

	private int testsRun;

	@Override
	public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
		this.plan = testPlan;
	}

	@Override
	public synchronized void executionStarted(TestIdentifier identifier) {
		if (identifier.isTest()) {
			accountFor(identifier);
		}
	}

	@Override
	public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
		record("skipped", identifier, reason);
	}

	@Override
	public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
		if (identifier.isTest() && result.getStatus() != TestExecutionResult.Status.ABORTED) {
			this.testsRun++;
		}
		if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
			record("aborted", identifier,
					result.getThrowable().map(Throwable::getMessage).orElse("aborted without a reason"));
		}
		else if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
				&& identifier.getSource().filter(ClassSource.class::isInstance).isPresent()
				&& !this.accountedFor.contains(identifier.getUniqueId())) {
			record("no tests", identifier, "the class ran zero tests");
		}
	}

	@Override
	public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
		String directory = System.getProperty(DIRECTORY_PROPERTY);
		if (directory == null) {
			return;
		}
		List<String> lines = new ArrayList<>();
		lines.add("ran\t" + this.testsRun);
		lines.addAll(this.records);
		try {
			Path file = Files.createDirectories(Path.of(directory))
				.resolve("tests-" + ProcessHandle.current().pid() + ".tsv");
			Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.records.clear();
		this.testsRun = 0;
	}

	/** Every container around it (a method's parameterized container, a @Nested class, its outer class). */
	private void accountFor(TestIdentifier identifier) {
		for (Optional<TestIdentifier> parent = this.plan.getParent(identifier); parent.isPresent();
				parent = this.plan.getParent(parent.get())) {
			this.accountedFor.add(parent.get().getUniqueId());
		}
	}

	private void record(String kind, TestIdentifier identifier, String reason) {
		accountFor(identifier);
		String oneLine = (reason != null) ? reason.replaceAll("\\s+", " ").strip() : "no reason given";
		this.records.add(kind + "\t" + where(identifier) + "\t" + oneLine);
	}

	/** {@code com.example.SomeTests} for a class, {@code com.example.SomeTests#method [display name]} below it. */
	private static String where(TestIdentifier identifier) {
		TestSource source = identifier.getSource().orElse(null);
		if (source instanceof ClassSource type) {
			return type.getClassName();
		}
		if (source instanceof MethodSource method) {
			return method.getClassName() + "#" + method.getMethodName() + " [" + identifier.getDisplayName() + "]";
		}
		return identifier.getUniqueId();
	}

}
