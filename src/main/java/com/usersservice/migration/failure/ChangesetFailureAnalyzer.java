package com.usersservice.migration.failure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.exception.MigrationFailedException;
import liquibase.exception.ValidationFailedException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A changeset that fails in the database ends the start-up with Boot's short report, naming the changeset and the
 * database's error, instead of a stack trace: the one ERROR event of a failed migration.
 */
class ChangesetFailureAnalyzer extends AbstractFailureAnalyzer<MigrationFailedException> {

	// Liquibase's message starts "Migration failed for changeset <file>::<id>::<author>:"; it offers no getter.
	private static final Pattern CHANGESET = Pattern.compile("changeset (.+?)::(.+?)::(.+?):(\\s|$)");

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationFailedException cause) {
		if (cause instanceof ValidationFailedException validation && !validation.getInvalidMD5Sums().isEmpty()) {
			return null; // an edit, not a failure: ChecksumMismatchFailureAnalyzer reports it
		}
		Matcher changeset = CHANGESET.matcher(String.valueOf(cause.getMessage()));
		String which = changeset.find() ? changeset.group(2) + " (" + changeset.group(1) + ")" : "(unknown)";
		return new FailureAnalysis("Migration failed at changeset " + which + ": "
				+ FailureMessages.databaseMessage(cause.getCause() != null ? cause.getCause() : cause),
				"The failing changeset was not recorded as applied (on PostgreSQL its changes were rolled back); the "
						+ "changesets before it stay applied. Fix the changeset or the database, then start the "
						+ "service again. MySQL/MariaDB commit each DDL statement on its own: first drop what the "
						+ "failing changeset's earlier statements created (docs/operations.md, \"A changeset fails\").",
				cause);
	}

}
