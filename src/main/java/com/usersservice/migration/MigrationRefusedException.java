package com.usersservice.migration;

/**
 * The service will not start because of the changelog or the database's migration history; reported without a stack
 * trace by {@link MigrationFailureAnalyzer}. The message says what is wrong, the action what the operator can do.
 */
class MigrationRefusedException extends RuntimeException {

	private final String action;

	MigrationRefusedException(String message, String action) {
		super(message);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
