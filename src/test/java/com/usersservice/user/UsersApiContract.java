package com.usersservice.user;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The /users API end to end, over HTTP, on a real database: every endpoint and every error case of the contract.
 * One subclass per database the service supports (same tests, different {@code spring.datasource}), so a dialect
 * difference in the changelog or the entity shows up as a failing request.
 */
abstract class UsersApiContract {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void createReadUpdateDelete() throws Exception {
		String email = unique("ada") + "@example.com";
		HttpResponse<String> created = send("POST", "/users", body("Ada Lovelace", email));
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode user = json.readTree(created.body());
		long id = user.get("id").asLong();
		assertThat(created.headers().firstValue("Location")).hasValue("/users/" + id);
		assertThat(user.get("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(user.get("email").asString()).isEqualTo(email);
		Instant createdAt = Instant.parse(user.get("createdAt").asString());

		HttpResponse<String> read = send("GET", "/users/" + id, null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(json.readTree(read.body())).isEqualTo(user);
		// The database's instant type keeps the instant the database set, to the microsecond.
		assertThat(Instant.parse(json.readTree(read.body()).get("createdAt").asString())).isEqualTo(createdAt);

		HttpResponse<String> updated = send("PUT", "/users/" + id, body("Augusta Ada King", email.toUpperCase()));
		assertThat(updated.statusCode()).isEqualTo(200);
		assertThat(json.readTree(updated.body()).get("name").asString()).isEqualTo("Augusta Ada King");
		assertThat(json.readTree(send("GET", "/users/" + id, null).body()).get("email").asString())
			.isEqualTo(email.toUpperCase());

		assertThat(send("DELETE", "/users/" + id, null).statusCode()).isEqualTo(204);
		assertProblem(send("GET", "/users/" + id, null), 404);
		assertProblem(send("DELETE", "/users/" + id, null), 404);
		assertProblem(send("PUT", "/users/" + id, body("Nobody", unique("nobody") + "@example.com")), 404);
	}

	@Test
	void emailsAreUniqueWhateverTheirCase() throws Exception {
		String email = unique("grace") + "@example.com";
		assertThat(send("POST", "/users", body("Grace Hopper", email)).statusCode()).isEqualTo(201);

		assertProblem(send("POST", "/users", body("Grace Again", email.toUpperCase())), 409);

		HttpResponse<String> other = send("POST", "/users", body("Someone Else", unique("else") + "@example.com"));
		long otherId = json.readTree(other.body()).get("id").asLong();
		assertProblem(send("PUT", "/users/" + otherId, body("Someone Else", "GRACE" + email.substring(5))), 409);
	}

	@Test
	void pagesFollowIdsWithoutGapsOrRepeats() throws Exception {
		List<Long> mine = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> created = send("POST", "/users", body("Pager " + i, unique("page") + "@example.com"));
			mine.add(json.readTree(created.body()).get("id").asLong());
		}
		List<Long> seen = new ArrayList<>();
		String after = String.valueOf(mine.get(0) - 1);
		while (after != null) {
			HttpResponse<String> page = send("GET", "/users?size=2&after=" + after, null);
			assertThat(page.statusCode()).isEqualTo(200);
			JsonNode body = json.readTree(page.body());
			assertThat(body.get("items").size()).isBetween(1, 2);
			body.get("items").forEach((item) -> seen.add(item.get("id").asLong()));
			after = body.get("next").isNull() ? null : body.get("next").asString();
		}
		assertThat(seen).isSorted().doesNotHaveDuplicates().containsAll(mine);
		assertThat(json.readTree(send("GET", "/users?size=100", null).body()).get("items").size()).isPositive();
	}

	@Test
	void badRequestsAreProblemsNotErrors() throws Exception {
		assertProblem(send("POST", "/users", body("", unique("blank") + "@example.com")), 400);
		assertProblem(send("POST", "/users", body("No Email", "not-an-email")), 400);
		assertProblem(send("POST", "/users", body("x".repeat(101), unique("long") + "@example.com")), 400);
		assertProblem(send("POST", "/users", body("Long Email", "a".repeat(310) + "@example.com")), 400);
		assertProblem(send("POST", "/users", "{\"name\":\"Mass\",\"email\":\"" + unique("mass")
				+ "@example.com\",\"id\":7}"), 400);
		assertProblem(send("POST", "/users", "{\"name\":"), 400);
		assertProblem(send("GET", "/users?size=0", null), 400);
		assertProblem(send("GET", "/users?size=101", null), 400);
		assertProblem(send("GET", "/users/abc", null), 400);
	}

	private void assertProblem(HttpResponse<String> response, int status) throws IOException {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(status);
	}

	private HttpResponse<String> send(String method, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "application/json, application/problem+json");
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String body(String name, String email) {
		return json.writeValueAsString(java.util.Map.of("name", name, "email", email));
	}

	private static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

}
