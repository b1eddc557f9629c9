package com.usersservice.migration;

import java.sql.SQLException;

/** The database's own words for a failure (e.g. "ERROR: relation ... does not exist"), on one line. */
final class FailureMessages {

	private FailureMessages() {
	}

	static String databaseMessage(Throwable failure) {
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

	private static String oneLine(String message) {
		return (message != null) ? message.replaceAll("\\s*\\R\\s*", " ").trim() : "";
	}

}
