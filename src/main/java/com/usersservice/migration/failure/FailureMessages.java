package com.usersservice.migration.failure;

import java.sql.SQLException;

/** A failure in one line for an operator: the rules every failure report and log line of the migration step follow. */
public final class FailureMessages {

	private FailureMessages() {
	}

	/** The database's own words for a failure (e.g. "ERROR: relation ... does not exist"), on one line. */
	public static String databaseMessage(Throwable failure) {
		String message = null;
		for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			if (cause instanceof SQLException) {
				return oneLine(cause.getMessage());
			}
			if (cause.getMessage() != null) {
				message = cause.getMessage();
			}
		}
		return oneLine((message != null) ? message : failure.getClass().getSimpleName());
	}

	/** The failure's own message, followed by its root cause's where that adds something, on one line. */
	public static String summary(Throwable failure) {
		Throwable deepest = failure;
		while (deepest.getCause() != null && deepest.getCause() != deepest) {
			deepest = deepest.getCause();
		}
		String message = (failure.getMessage() != null) ? failure.getMessage() : deepest.toString();
		if (deepest != failure && deepest.getMessage() != null && !message.contains(deepest.getMessage())) {
			message = message + ": " + deepest.getMessage();
		}
		return oneLine(message);
	}

	private static String oneLine(String message) {
		return (message != null) ? message.replaceAll("\\s+", " ").trim() : "";
	}

}
