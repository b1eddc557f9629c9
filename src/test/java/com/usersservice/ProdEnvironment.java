package com.usersservice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables an operator sets to run the service in prod on a database of the test JVM's PostgreSQL, with bearer
 * tokens (prod's default, {@code API_AUTH=jwt}) from the test JVM's {@link TestTokenIssuer}.
 */
public final class ProdEnvironment {

	private static TestTokenIssuer issuer;

	private ProdEnvironment() {
	}

	/** The token issuer that every prod environment of this JVM trusts; started on first use. */
	public static synchronized TestTokenIssuer issuer() {
		if (issuer == null) {
			issuer = TestTokenIssuer.start();
		}
		return issuer;
	}

	/** {@code Bearer <token>} with both scopes of the API, from {@link #issuer()}: a fresh token each time. */
	public static String authorization() {
		return "Bearer " + issuer().token("users:read users:write");
	}

	/** A mutable map: tests add or replace variables. */
	public static Map<String, String> of(String jdbcUrl) {
		return of(jdbcUrl, TestPostgres.username(), TestPostgres.password());
	}

	/** The same on a database of another server (a benchmark's PostgreSQL): a mutable map. */
	public static Map<String, String> of(String jdbcUrl, String username, String password) {
		Map<String, String> env = new HashMap<>();
		env.put("SPRING_PROFILES_ACTIVE", "prod");
		env.put("PROD_DATABASE_URL", jdbcUrl);
		env.put("PROD_DATABASE_USERNAME", username);
		env.put("PROD_DATABASE_PASSWORD", password);
		env.put("ACTUATOR_USERNAME", "ops");
		env.put("ACTUATOR_PASSWORD", "prod-jar-test");
		env.putAll(issuer().variables());
		// Actuator has a port of its own in prod; a free one, so that parallel runs do not meet on 8081.
		env.put("MANAGEMENT_PORT", String.valueOf(freePort()));
		return env;
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
