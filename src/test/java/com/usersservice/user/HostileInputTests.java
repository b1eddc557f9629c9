package com.usersservice.user;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.usersservice.Http;
import com.usersservice.OpenApiContract;
import com.usersservice.RawHttp;
import com.usersservice.TestPostgres;
import com.usersservice.TestTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of hostile requests over real HTTP ({@link HostileRequests}), bodies and headers, with bearer tokens on
 * (API_AUTH=jwt, as in prod): none may get a 5xx, every 4xx is an RFC 9457 problem, every answer is one the served
 * OpenAPI description tells of, and afterwards the table holds exactly the users that the valid requests created. On a
 * database of its own, so that the count is exact.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileInputTests {

	private static final Pattern EMAIL = Pattern.compile("\"email\":\"([^\"]+)\"");

	private static final TestTokenIssuer issuer = TestTokenIssuer.start();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	private OpenApiContract contract;

	private String bothScopes;

	@DynamicPropertySource
	static void ownDatabaseAndBearerTokens(DynamicPropertyRegistry registry) {
		String url = TestPostgres.createDatabase("hostile");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", TestPostgres::username);
		registry.add("spring.datasource.password", TestPostgres::password);
		registry.add("users.api.auth", () -> "jwt");
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwkSetUri);
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokenIssuer.ISSUER);
		registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestTokenIssuer.AUDIENCE);
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@BeforeEach
	void readTheApiDescription() {
		this.contract = OpenApiContract.servedBy(url(""));
	}

	@Test
	void hostileRequestsGetProblemsAndLeaveOnlyValidRows() {
		Set<String> created = new HashSet<>();
		HttpResponse<String> seed = post("{\"name\":\"Seed\",\"email\":\"seed@example.com\"}");
		assertThat(seed.statusCode()).isEqualTo(201);
		created.add("seed@example.com");
		long seedId = Long.parseLong(seed.headers().firstValue("Location").orElseThrow().replace("/users/", ""));

		List<HostileRequests.Request> corpus = HostileRequests.corpus(seedId);
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
		List<String> failures = new ArrayList<>();
		for (HostileRequests.Request request : corpus) {
			RawHttp.Response response = send(request);
			String problem = check(request, response);
			if (problem != null) {
				failures.add(request + " -> " + response.status() + " " + response.contentType() + ": " + problem + " "
						+ abbreviate(response.body()));
			}
			else if (response.status() == 201) {
				created.add(email(response.body()));
			}
		}
		assertThat(failures).as("requests answered wrongly").isEmpty();
		assertThat(this.jdbc.queryForList("SELECT email FROM users", String.class))
			.containsExactlyInAnyOrderElementsOf(created);
		assertThat(Http.send(HttpRequest.newBuilder(URI.create(url("/users/" + seedId)))
			.header("Authorization", "Bearer " + issuer.token("users:read"))).body()).contains("\"name\":\"Seed\"");
	}

	@Test
	void concurrentDuplicateCreatesMakeOneRow() {
		List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			String email = ((i % 2 == 0) ? "Racer@Example.com" : "racer@example.COM");
			racing.add(CompletableFuture.supplyAsync(() -> post("{\"name\":\"Racer\",\"email\":\"" + email + "\"}")));
		}
		List<HttpResponse<String>> responses = racing.stream().map(CompletableFuture::join).toList();
		assertThat(responses).filteredOn((response) -> response.statusCode() == 201).hasSize(1);
		assertThat(responses).filteredOn((response) -> response.statusCode() != 201)
			.allSatisfy((response) -> {
				assertThat(response.statusCode()).isEqualTo(409);
				assertThat(Http.contentType(response)).isEqualTo("application/problem+json");
			});
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM users WHERE lower(email) = 'racer@example.com'",
				Integer.class)).isEqualTo(1);
	}

	/**
	 * Sends the request as given, with a token of both scopes unless it brings its own Authorization: over a plain
	 * socket, since many of these requests are ones that no HTTP client sends.
	 */
	private RawHttp.Response send(HostileRequests.Request request) {
		List<byte[]> headers = new ArrayList<>(request.headers());
		if (!request.hasHeader("Authorization")) {
			headers.add(("Authorization: Bearer " + bothScopes()).getBytes(StandardCharsets.US_ASCII));
		}
		if (request.contentType() != null) {
			headers.add(("Content-Type: " + request.contentType()).getBytes(StandardCharsets.ISO_8859_1));
		}
		return RawHttp.send(this.port, request.method(), request.path(), headers, request.body());
	}

	/**
	 * One token of both scopes for the whole corpus (valid for 5 minutes): signing a fresh one per request costs more
	 * than the request, and the token is not what these requests test.
	 */
	private String bothScopes() {
		if (this.bothScopes == null) {
			this.bothScopes = issuer.token("users:read users:write");
		}
		return this.bothScopes;
	}

	private HttpResponse<String> post(String json) {
		return Http.send(HttpRequest.newBuilder(URI.create(url("/users")))
			.header("Authorization", "Bearer " + issuer.token("users:write"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** Null when the response is what the request deserves, else why not. */
	private String check(HostileRequests.Request request, RawHttp.Response response) {
		int status = response.status();
		if (status >= 500) {
			return "server error";
		}
		if (status >= 400 && !response.contentType().equals("application/problem+json")) {
			return "a 4xx that is not problem+json";
		}
		if (status >= 400 && !response.body().contains("\"status\":" + status)) {
			return "a problem without its status";
		}
		List<String> undescribed = this.contract.problems(request.method(), request.path(), status,
				response.headers(), response.body());
		if (!undescribed.isEmpty()) {
			return "not as the OpenAPI description says: " + undescribed;
		}
		return switch (request.expect()) {
			case CREATED -> (status == 201) ? null : "expected 201";
			case REFUSED -> (status >= 400) ? null : "expected a 4xx";
			case NO_SERVER_ERROR -> null;
		};
	}

	private static String email(String body) {
		Matcher matcher = EMAIL.matcher(body);
		return matcher.find() ? matcher.group(1) : body;
	}

	private static String abbreviate(String body) {
		return (body.length() > 300) ? body.substring(0, 300) + "..." : body;
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
