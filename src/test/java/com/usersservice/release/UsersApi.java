package com.usersservice.release;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The /users API of one running process as a client sees it: every exchange timed, a connection failure or a
 * timeout returned as an answer with status 0 rather than thrown, so that load generators can count it.
 */
public final class UsersApi {

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String base;

	private final String authorization;

	/** {@code authorization}: the value of the Authorization header (a bearer token), or null for none. */
	public UsersApi(int port, String authorization) {
		this.base = "http://localhost:" + port;
		this.authorization = authorization;
	}

	public Answer create(String name, String email) {
		return send(request("/users").POST(HttpRequest.BodyPublishers.ofString(body(name, email)))
			.header("Content-Type", "application/json"));
	}

	public Answer update(long id, String name, String email) {
		return send(request("/users/" + id).PUT(HttpRequest.BodyPublishers.ofString(body(name, email)))
			.header("Content-Type", "application/json"));
	}

	public Answer get(long id) {
		return send(request("/users/" + id).GET());
	}

	public Answer page(long after, int size) {
		return send(request("/users?size=" + size + "&after=" + after).GET());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30));
		return (this.authorization != null) ? request.header("Authorization", this.authorization) : request;
	}

	private static String body(String name, String email) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		body.put("name", name);
		body.put("email", email);
		return body.toString();
	}

	private static Answer send(HttpRequest.Builder request) {
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), response.headers().firstValue("ETag"),
					System.nanoTime() - start, null);
		}
		catch (IOException ex) {
			return new Answer(0, "", Optional.empty(), System.nanoTime() - start, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** One answer: {@code status} 0 when there was none ({@code failure} says why). */
	public record Answer(int status, String body, Optional<String> etag, long nanos, String failure) {

		public boolean serverError() {
			return this.status == 0 || this.status >= 500;
		}

		public JsonNode json() {
			return json.readTree(this.body);
		}

		@Override
		public String toString() {
			return (this.status == 0) ? this.failure : this.status + " " + this.body;
		}

	}

}
