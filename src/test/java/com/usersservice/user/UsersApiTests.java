package com.usersservice.user;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

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

	@Autowired
	private DataSource dataSource;

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
		assertThat(names(user)).containsExactlyInAnyOrder("id", "name", "email", "createdAt", "updatedAt");
		assertThat(user.get("updatedAt").asString()).endsWith("Z");

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
		assertThat(Instant.parse(changed.get("updatedAt").asString()))
			.isAfter(Instant.parse(user.get("updatedAt").asString()));

		assertThat(send("DELETE", "/users/" + id, null).statusCode()).isEqualTo(204);
		assertProblem(send("GET", "/users/" + id, null), 404);
		assertProblem(send("DELETE", "/users/" + id, null), 404);
	}

	@Test
	void postGetAndPutSendTheUsersETagAndIfMatchGuardsPutAndDelete() throws Exception {
		HttpResponse<String> created = send("POST", "/users", body("Ada", unique("etag")));
		long id = this.json.readTree(created.body()).get("id").asLong();
		String first = etag(created);
		assertThat(first).matches("\"[0-9]+\"");
		assertThat(etag(send("GET", "/users/" + id, null))).isEqualTo(first);

		String email = unique("etag-put");
		HttpResponse<String> updated = send("PUT", "/users/" + id, body("Ada Lovelace", email), "If-Match", first);
		assertThat(updated.statusCode()).isEqualTo(200);
		String second = etag(updated);
		assertThat(second).isNotEqualTo(first);
		assertThat(etag(send("GET", "/users/" + id, null))).isEqualTo(second);

		List<Object> stored = row(id);
		assertPreconditionFailed(send("PUT", "/users/" + id, body("Lost Update", unique("lost")), "If-Match", first));
		assertPreconditionFailed(send("DELETE", "/users/" + id, null, "If-Match", first));
		assertThat(row(id)).as("a stale If-Match writes nothing").isEqualTo(stored).contains("Ada Lovelace", email);

		assertThat(send("DELETE", "/users/" + id, null, "If-Match", "\"0\", " + second).statusCode()).isEqualTo(204);
		assertThat(this.jdbc.queryForObject("select count(*) from users where id = ?", Long.class, id)).isZero();
	}

	/** A GET with If-None-Match holding the current ETag: 304, so a client can revalidate its copy cheaply. */
	@Test
	void anUnchangedUserIsNotSentAgain() throws Exception {
		HttpResponse<String> created = send("POST", "/users", body("Ada", unique("revalidate")));
		long id = this.json.readTree(created.body()).get("id").asLong();
		HttpResponse<String> revalidated = send("GET", "/users/" + id, null, "If-None-Match", etag(created));
		assertThat(revalidated.statusCode()).isEqualTo(304);
		assertThat(revalidated.body()).isEmpty();
	}

	/**
	 * During a rolling upgrade the previous release (0.1.0) still writes users with the SQL Hibernate generated for
	 * it, which never names updated_at; the database moves it anyway, so an If-Match read before that write fails.
	 */
	@Test
	void aWriteByTheReleaseBeforeETagsMakesAnEarlierIfMatchFail() throws Exception {
		HttpResponse<String> created = send("POST", "/users", body("Ada", unique("mixed")));
		long id = this.json.readTree(created.body()).get("id").asLong();
		String before = etag(created);

		String byOldRelease = unique("old-release");
		assertThat(this.jdbc.update("update users set email=?, name=? where id=?", byOldRelease, "Ada (0.1.0)", id))
			.isOne();

		assertPreconditionFailed(send("PUT", "/users/" + id, body("Ada (0.2.0)", unique("new-release")), "If-Match",
				before));
		assertThat(row(id)).as("what the previous release wrote is kept").contains("Ada (0.1.0)", byOldRelease);
		HttpResponse<String> current = send("GET", "/users/" + id, null);
		assertThat(etag(current)).isNotEqualTo(before);
		assertThat(send("PUT", "/users/" + id, body("Ada (0.2.0)", byOldRelease), "If-Match", etag(current))
			.statusCode()).isEqualTo(200);
	}

	/**
	 * The comparison and the write are one step: a write that commits while a PUT waits for the row (here a
	 * previous release's UPDATE in an open transaction) is seen by the PUT, which then fails instead of overwriting.
	 */
	@Test
	void aWriteThatCommitsWhileAPutWaitsForTheRowMakesThePutFail() throws Exception {
		HttpResponse<String> created = send("POST", "/users", body("Ada", unique("race")));
		long id = this.json.readTree(created.body()).get("id").asLong();
		String byOldRelease = unique("old-race");
		ExecutorService client = Executors.newSingleThreadExecutor();
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			try (PreparedStatement update = other.prepareStatement("update users set email=?, name=? where id=?")) {
				update.setString(1, byOldRelease);
				update.setString(2, "Ada (0.1.0)");
				update.setLong(3, id);
				assertThat(update.executeUpdate()).isOne();
			}
			Future<HttpResponse<String>> put = client.submit(() -> send("PUT", "/users/" + id,
					body("Ada (0.2.0)", unique("new-race")), "If-Match", etag(created)));
			awaitAnotherSessionWaitingForARowLock(other, put);
			other.commit();
			assertPreconditionFailed(put.get(30, TimeUnit.SECONDS));
		}
		finally {
			client.shutdownNow();
		}
		assertThat(row(id)).contains("Ada (0.1.0)", byOldRelease);
	}

	/** Two updates within one transaction (one clock tick for now()) still give two different, rising values. */
	@Test
	void updatedAtRisesWithEveryUpdateEvenWithinOneTransaction() throws Exception {
		long id = this.json.readTree(send("POST", "/users", body("Ada", unique("tick"))).body()).get("id").asLong();
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			Instant inserted = updatedAt(connection, id);
			Instant first = updateAndRead(connection, id, "Ada 1");
			Instant second = updateAndRead(connection, id, "Ada 2");
			connection.commit();
			assertThat(first).isAfter(inserted);
			assertThat(second).isAfter(first);
		}
	}

	/** Even when the stored value is ahead of the clock (a clock stepped back), an update moves it forward. */
	@Test
	void updatedAtRisesEvenWhenTheClockIsBehindIt() throws Exception {
		String email = unique("future");
		this.jdbc.update("insert into users (name, email, updated_at) values (?, ?, ?)", "Ada", email,
				Timestamp.valueOf("2100-01-01 00:00:00"));
		long id = this.jdbc.queryForObject("select id from users where email = ?", Long.class, email);
		try (Connection connection = this.dataSource.getConnection()) {
			Instant ahead = updatedAt(connection, id);
			assertThat(updateAndRead(connection, id, "Ada again")).isAfter(ahead);
		}
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

	private static String etag(HttpResponse<String> response) {
		return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + response));
	}

	private void assertPreconditionFailed(HttpResponse<String> response) throws Exception {
		assertProblem(response, 412);
		assertThat(this.json.readTree(response.body()).get("detail").asString()).contains("has changed since");
	}

	/** Name, email and updated_at as stored. */
	private List<Object> row(long id) {
		return this.jdbc.queryForList("select name, email, updated_at from users where id = ?", id)
			.get(0)
			.values()
			.stream()
			.toList();
	}

	private static Instant updateAndRead(Connection connection, long id, String name) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement("update users set name = ? where id = ?")) {
			update.setString(1, name);
			update.setLong(2, id);
			assertThat(update.executeUpdate()).isOne();
		}
		return updatedAt(connection, id);
	}

	private static Instant updatedAt(Connection connection, long id) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("select updated_at from users where id = ?")) {
			select.setLong(1, id);
			try (ResultSet row = select.executeQuery()) {
				assertThat(row.next()).isTrue();
				return row.getTimestamp(1).toInstant();
			}
		}
	}

	/**
	 * Until a session of this database, other than {@code holder}, waits for a row lock (PostgreSQL or MariaDB);
	 * fails at once if the PUT completes without waiting.
	 */
	private static void awaitAnotherSessionWaitingForARowLock(Connection holder, Future<HttpResponse<String>> put)
			throws Exception {
		String waiting = holder.getMetaData().getDatabaseProductName().equals("PostgreSQL")
				? "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
				// MariaDB takes the lock of a primary-key lookup while optimising it, before the statement shows in
				// innodb_trx: a session still running a SELECT ... FOR UPDATE of this database is waiting for it.
				: "select count(*) from information_schema.processlist where db = database() and id <> connection_id()"
						+ " and lower(info) like 'select % for update'";
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			try (Statement statement = holder.createStatement(); ResultSet count = statement.executeQuery(waiting)) {
				count.next();
				if (count.getLong(1) > 0) {
					return;
				}
			}
			if (put.isDone()) {
				throw new AssertionError("The PUT did not wait for the row lock: " + put.get().statusCode() + " "
						+ put.get().body());
			}
			Thread.sleep(20);
		}
		StringBuilder sessions = new StringBuilder();
		try (Statement statement = holder.createStatement();
				ResultSet rows = statement.executeQuery(holder.getMetaData().getDatabaseProductName().equals("PostgreSQL")
						? "select pid, state, wait_event_type, query from pg_stat_activity where datname = current_database()"
						: "select p.id, p.db, p.state, t.trx_state, p.info from information_schema.processlist p"
								+ " left join information_schema.innodb_trx t on p.id = t.trx_mysql_thread_id")) {
			while (rows.next()) {
				for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
					sessions.append(rows.getString(i)).append(i < rows.getMetaData().getColumnCount() ? " | " : "\n");
				}
			}
		}
		throw new AssertionError("No session waited for the row lock within 30 s; sessions:\n" + sessions);
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
	private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (headers.length > 0) {
			request.headers(headers);
		}
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
