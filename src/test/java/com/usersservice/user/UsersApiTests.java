package com.usersservice.user;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.usersservice.OpenApiContract;
import com.usersservice.TestDatabaseConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole path over real HTTP: Tomcat, Jackson, validation, JPA and the PostgreSQL schema Liquibase built. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
@ActiveProfiles("test")
class UsersApiTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private ObjectMapper json;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry meters;

	private OpenApiContract contract;

	@Test
	void createReadUpdateDelete() throws Exception {
		String email = unique("ada");
		HttpResponse<String> created = send("POST", "/users", body("Ada", email));
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode user = this.json.readTree(created.body());
		long id = user.get("id").asLong();
		assertThat(created.headers().firstValue("Location")).hasValue("/users/" + id);
		assertThat(user.get("name").asString()).isEqualTo("Ada");
		assertThat(user.get("email").asString()).isEqualTo(email);
		assertThat(user.get("createdAt").asString()).endsWith("Z");
		assertThat(names(user)).containsExactlyInAnyOrder("id", "name", "email", "createdAt");

		HttpResponse<String> read = send("GET", "/users/" + id, null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(read.body())).isEqualTo(user);

		String newEmail = unique("lovelace");
		HttpResponse<String> updated = send("PUT", "/users/" + id, body("Ada Lovelace", newEmail));
		assertThat(updated.statusCode()).isEqualTo(200);
		JsonNode changed = this.json.readTree(updated.body());
		assertThat(changed.get("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(changed.get("email").asString()).isEqualTo(newEmail);
		assertThat(changed.get("createdAt")).isEqualTo(user.get("createdAt"));

		assertThat(send("DELETE", "/users/" + id, null).statusCode()).isEqualTo(204);
		assertProblem(send("GET", "/users/" + id, null), 404);
		assertProblem(send("DELETE", "/users/" + id, null), 404);
	}

	@Test
	void keysetPagesWalkEveryUserOnceInIdOrder() throws Exception {
		long start = this.jdbc.queryForObject("select coalesce(max(id), 0) from users", Long.class);
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(this.json.readTree(send("POST", "/users", body("Page " + i, unique("page"))).body()).get("id").asLong());
		}
		List<Long> seen = new ArrayList<>();
		String after = String.valueOf(start);
		while (after != null) {
			JsonNode page = this.json.readTree(send("GET", "/users?size=2&after=" + after, null).body());
			assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
			page.get("items").forEach((item) -> seen.add(item.get("id").asLong()));
			after = page.get("next").isNull() ? null : page.get("next").asString();
		}
		// Other tests may add users concurrently after ours; ours come first, once each, in order.
		assertThat(seen.subList(0, 5)).containsExactlyElementsOf(ids);
		assertThat(seen).doesNotHaveDuplicates().isSorted();
	}

	@Test
	void requestsAreTimedWithoutAnObservationPerSecurityFilter() throws Exception {
		assertThat(send("GET", "/users?size=1", null).statusCode()).isEqualTo(200);
		assertThat(this.meters.find("http.server.requests").tag("uri", "/users").timer()).isNotNull();
		assertThat(this.meters.find("spring.security.filterchains").meters()).isEmpty();
	}

	@Test
	void aPageShowsAUserExactlyAsCreatingAndReadingItDid() throws Exception {
		JsonNode created = this.json.readTree(send("POST", "/users", body("Grace Hopper", unique("hopper"))).body());
		long id = created.get("id").asLong();
		JsonNode page = this.json.readTree(send("GET", "/users?size=1&after=" + (id - 1), null).body());
		assertThat(page.get("items")).containsExactly(created);
		assertThat(this.json.readTree(send("GET", "/users/" + id, null).body())).isEqualTo(created);
	}

	@Test
	void duplicateEmailIsAConflictWhateverItsCase() throws Exception {
		String email = unique("grace");
		assertThat(send("POST", "/users", body("Grace", email)).statusCode()).isEqualTo(201);
		assertProblem(send("POST", "/users", body("Grace", email.toUpperCase())), 409);
		long other = this.json.readTree(send("POST", "/users", body("Other", unique("other"))).body()).get("id").asLong();
		assertProblem(send("PUT", "/users/" + other, body("Other", email)), 409);
		assertThat(countByEmail(email)).isEqualTo(1);
	}

	@Test
	void racingCreatesWithOneEmailGiveOneCreatedAndConflictsForTheRest() throws Exception {
		String email = unique("race");
		int racers = 8;
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(racers);
		try {
			List<Future<HttpResponse<String>>> results = new ArrayList<>();
			for (int i = 0; i < racers; i++) {
				String caseVariant = (i % 2 == 0) ? email : email.toUpperCase();
				Callable<HttpResponse<String>> create = () -> {
					go.await();
					return send("POST", "/users", body("Racer", caseVariant));
				};
				results.add(pool.submit(create));
			}
			go.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<HttpResponse<String>> result : results) {
				HttpResponse<String> response = result.get();
				statuses.add(response.statusCode());
				if (response.statusCode() != 201) {
					assertProblem(response, 409);
				}
			}
			assertThat(statuses).containsOnlyOnce(201);
			assertThat(statuses).filteredOn((s) -> s == 409).hasSize(racers - 1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(countByEmail(email)).isEqualTo(1);
	}

	@Test
	void badInputIsAProblemAndStoresNothing() throws Exception {
		long before = this.jdbc.queryForObject("select count(*) from users", Long.class);
		assertProblem(send("POST", "/users", "{\"name\":\"Ada\",\"email\":\"" + unique("x") + "\",\"id\":1}"), 400);
		assertProblem(send("POST", "/users", "{\"name\":\"Ada\",\"email\":\"" + unique("x") + "\",\"createdAt\":\"2020-01-01T00:00:00Z\"}"), 400);
		assertProblem(send("POST", "/users", "{\"name\":\"Ada\""), 400);
		assertProblem(send("POST", "/users", "{\"name\":[1],\"email\":\"a@example.com\"}"), 400);
		assertProblem(send("POST", "/users", "{\"name\":\"\",\"email\":\"nope\"}"), 400);
		assertProblem(send("GET", "/users?size=0", null), 400);
		assertProblem(send("GET", "/users?size=101", null), 400);
		assertProblem(send("GET", "/users?size=ten", null), 400);
		assertProblem(send("GET", "/users?after=x", null), 400);
		assertProblem(send("GET", "/users/abc", null), 400);
		assertProblem(send("PATCH", "/users/1", "{}"), 405);
		assertProblem(send("GET", "/nowhere", null), 404);
		assertThat(this.jdbc.queryForObject("select count(*) from users", Long.class)).isEqualTo(before);
	}

	@Test
	void healthProbesIncludeTheDatabase() throws Exception {
		HttpResponse<String> health = send("GET", "/actuator/health", null);
		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode components = this.json.readTree(health.body()).get("components");
		assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
		assertThat(this.json.readTree(send("GET", "/actuator/health/liveness", null).body()).get("status").asString())
			.isEqualTo("UP");
		JsonNode readiness = this.json.readTree(send("GET", "/actuator/health/readiness", null).body());
		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		assertThat(names(readiness.get("components"))).contains("db", "readinessState");
	}

	@Test
	void liquibaseEndpointListsTheAppliedChangesets() throws Exception {
		HttpResponse<String> response = send("GET", "/actuator/liquibase", null);
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		this.json.readTree(response.body())
			.get("contexts")
			.forEach((context) -> context.get("liquibaseBeans")
				.get("liquibase")
				.get("changeSets")
				.forEach((changeSet) -> ids.add(changeSet.get("id").asString())));
		// The test profile runs the test context: the dev seed users are not there.
		assertThat(ids).contains("20261130-0001-1", "20261130-0002-1").doesNotContain("20261130-0003-1");
	}

	private long countByEmail(String email) {
		return this.jdbc.queryForObject("select count(*) from users where lower(email) = lower(?)", Long.class, email);
	}

	private void assertProblem(HttpResponse<String> response, int status) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
	}

	/** Sends the request and checks that the served OpenAPI description tells of the response. */
	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (!path.startsWith("/actuator")) {
			contract().check(method, path, response);
		}
		return response;
	}

	private synchronized OpenApiContract contract() {
		if (this.contract == null) {
			this.contract = OpenApiContract.servedBy("http://localhost:" + this.port);
		}
		return this.contract;
	}

	private static String body(String name, String email) {
		return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
	}

	private static String unique(String local) {
		return local + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	private static List<String> names(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

}
