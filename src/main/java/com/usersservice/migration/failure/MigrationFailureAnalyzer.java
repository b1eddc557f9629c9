package com.usersservice.migration.failure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A refused migration ends the start-up with Boot's short failure report: what is wrong and what to do, no trace. */
class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationRefusedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationRefusedException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
