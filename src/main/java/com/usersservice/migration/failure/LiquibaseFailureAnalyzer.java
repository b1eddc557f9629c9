package com.usersservice.migration.failure;

import liquibase.exception.LiquibaseException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A changeset that fails, an unreachable database or a changelog that does not parse: one line saying why, instead of
 * a page of stack trace, so that the log of a migrate-only Job shows the reason at a glance.
 */
class LiquibaseFailureAnalyzer extends AbstractFailureAnalyzer<LiquibaseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LiquibaseException cause) {
		return new FailureAnalysis("Liquibase could not apply the changelog: " + FailureMessages.summary(cause),
				"Fix the changeset or the database connection named above, then start again. Liquibase applies each "
						+ "changeset in its own transaction: those before the failing one stay applied.",
				cause);
	}

}
