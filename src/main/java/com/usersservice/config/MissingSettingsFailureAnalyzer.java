package com.usersservice.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing setting into Boot's short "APPLICATION FAILED TO START" report instead of a stack trace. */
class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set " + String.join(", ", cause.getNames())
						+ " in the environment (see the README's profile table), then start the service again.",
				cause);
	}

}
