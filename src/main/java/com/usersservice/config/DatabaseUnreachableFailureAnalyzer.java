package com.usersservice.config;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * The database cannot be reached, does not exist or refuses the credentials: say so, name the URL (without its
 * parameters, which may carry a password) and the ways out for the active profile, instead of advice about
 * changesets. Typical first run: {@code ./mvnw spring-boot:run} on a machine without the dev database.
 */
class DatabaseUnreachableFailureAnalyzer implements FailureAnalyzer {

	private final Environment environment;

	DatabaseUnreachableFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		String reason = unreachable(failure);
		if (reason == null) {
			return null;
		}
		String profile = profile();
		String url = this.environment.getProperty("spring.datasource.url", "(no spring.datasource.url)");
		return new FailureAnalysis("Could not connect to the " + profile + " database at " + withoutParameters(url)
				+ ": " + reason, action(profile), failure);
	}

	private String action(String profile) {
		String prefix = profile.toUpperCase(Locale.ROOT) + "_DATABASE_";
		String variables = prefix + "URL, " + prefix + "USERNAME and " + prefix + "PASSWORD";
		if (profile.equals("dev") || profile.equals("test")) {
			return "Start it, or run without it. Ways out: './mvnw spring-boot:test-run' runs the service on an "
					+ "embedded PostgreSQL (nothing to install); 'docker compose up -d db' starts the database the "
					+ "profile expects; or set " + variables + " to a PostgreSQL you have.";
		}
		return "Check that " + variables + " name a running database this host can reach, with a role that may log "
				+ "in, then start the service again.";
	}

	private String profile() {
		List<String> active = Arrays.asList(this.environment.getActiveProfiles());
		for (String known : List.of("prod", "test", "dev")) {
			if (active.contains(known)) {
				return known;
			}
		}
		return active.isEmpty() ? String.join(",", this.environment.getDefaultProfiles()) : String.join(",", active);
	}

	/** The database's own words when the failure is about reaching it; null for any other failure. */
	static String unreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && connectionState(sql.getSQLState())) {
				return oneLine(sql.getMessage());
			}
			if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
				return oneLine(cause.toString());
			}
		}
		return null;
	}

	// 08: connection exception; 28: invalid authorization; 3D000: the database does not exist.
	private static boolean connectionState(String state) {
		return state.startsWith("08") || state.startsWith("28") || state.equals("3D000");
	}

	private static String withoutParameters(String url) {
		int query = url.indexOf('?');
		return (query >= 0) ? url.substring(0, query) : url;
	}

	private static String oneLine(String message) {
		return String.valueOf(message).replaceAll("\\s+", " ").trim();
	}

}
