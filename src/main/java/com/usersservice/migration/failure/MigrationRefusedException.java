package com.usersservice.migration.failure;

/**
 * The service will not start because of the changelog or the database's migration history; reported without a stack
 * trace by {@link MigrationFailureAnalyzer}. The message says what is wrong, the action what the operator can do.
 */
public class MigrationRefusedException extends RuntimeException {

	private final String action;

	public MigrationRefusedException(String message, String action) {
		this(message, action, null);
	}

	/**
	 * With the failure behind it, so that a report about the database itself can still recognise it; the report shows
	 * the message.
	 */
	public MigrationRefusedException(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	public String getAction() {
		return this.action;
	}

}
