package com.usersservice.migration.classify;

/**
 * A change that blocks writes to an existing PostgreSQL table while it runs (or, when {@code fails}, one that cannot
 * run as written), and the safer pattern to use instead.
 */
public record BlockingFinding(String what, String instead, boolean fails) {

	public String text() {
		return this.what + "; instead: " + this.instead;
	}

}
