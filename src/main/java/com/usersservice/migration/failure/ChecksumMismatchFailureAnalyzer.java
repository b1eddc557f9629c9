package com.usersservice.migration.failure;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.exception.ValidationFailedException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A changeset edited after it was applied stops Liquibase's validation before anything runs. The report names each
 * edited changeset with both checksums and the ways out, instead of the advice for a changeset that failed to run.
 */
class ChecksumMismatchFailureAnalyzer extends AbstractFailureAnalyzer<ValidationFailedException> {

	// Liquibase's line per edited changeset: "<file>::<id>::<author> was: <checksum> but is now: <checksum>".
	private static final Pattern MISMATCH = Pattern.compile("(.+)::(.+?)::(.+?) was: (\\S+) but is now: (\\S+)");

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ValidationFailedException cause) {
		List<String> edited = cause.getInvalidMD5Sums();
		if (edited == null || edited.isEmpty()) {
			return null;
		}
		List<String> lines = edited.stream().map(ChecksumMismatchFailureAnalyzer::describe).toList();
		String first = edited.stream()
			.map(MISMATCH::matcher)
			.filter(Matcher::matches)
			.map((matcher) -> matcher.group(5))
			.findFirst()
			.orElse("<the new checksum>");
		return new FailureAnalysis(edited.size() + " changeset" + ((edited.size() > 1) ? "s were" : " was")
				+ " edited after being applied; nothing was applied:\n  - " + String.join("\n  - ", lines),
				"A released changeset must not change. Either restore its text as it was applied (git log -p on its "
						+ "file) and release again; or, to change the schema further, restore it and add a new "
						+ "changeset. Only for a cosmetic edit that changes nothing in the database (a comment, "
						+ "whitespace), accept the new text by adding to the changeset 'validCheckSum: " + first
						+ "' with a comment saying why (docs/operations.md, \"Checksum mismatch\").",
				cause);
	}

	private static String describe(String line) {
		Matcher matcher = MISMATCH.matcher(line.trim());
		if (!matcher.matches()) {
			return line.trim();
		}
		return matcher.group(2) + " (" + matcher.group(1) + ", author " + matcher.group(3)
				+ "): applied with checksum " + matcher.group(4) + ", this build's text has " + matcher.group(5);
	}

}
