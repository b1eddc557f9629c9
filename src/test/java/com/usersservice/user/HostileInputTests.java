package com.usersservice.user;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.usersservice.Http;
import com.usersservice.TestPostgres;
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
 * Hundreds of hostile requests over real HTTP ({@link HostileRequests}): none may get a 5xx, every 4xx is an RFC
 * 9457 problem, and afterwards the table holds exactly the users that the valid requests created. On a database of
 * its own, so that the count is exact.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileInputTests {

	private static final Pattern EMAIL = Pattern.compile("\"email\":\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		String url = TestPostgres.createDatabase("hostile");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", TestPostgres::username);
		registry.add("spring.datasource.password", TestPostgres::password);
	}

	@Test
	void hostileRequestsGetProblemsAndLeaveOnlyValidRows() {
		Set<String> created = new HashSet<>();
		HttpResponse<String> seed = Http.postJson(url("/users"), "{\"name\":\"Seed\",\"email\":\"seed@example.com\"}");
		assertThat(seed.statusCode()).isEqualTo(201);
		created.add("seed@example.com");
		long seedId = Long.parseLong(seed.headers().firstValue("Location").orElseThrow().replace("/users/", ""));

		List<HostileRequests.Request> corpus = HostileRequests.corpus(seedId);
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
		List<String> failures = new ArrayList<>();
		for (HostileRequests.Request request : corpus) {
			HttpResponse<String> response = Http.send(request.method(), url(request.path()), request.contentType(),
					request.body());
			String problem = check(request, response);
			if (problem != null) {
				failures.add(request + " -> " + response.statusCode() + " " + Http.contentType(response) + ": "
						+ problem + " " + abbreviate(response.body()));
			}
			else if (response.statusCode() == 201) {
				created.add(email(response.body()));
			}
		}
		assertThat(failures).as("requests answered wrongly").isEmpty();
		assertThat(this.jdbc.queryForList("SELECT email FROM users", String.class))
			.containsExactlyInAnyOrderElementsOf(created);
		assertThat(Http.get(url("/users/" + seedId)).body()).contains("\"name\":\"Seed\"");
	}

	@Test
	void concurrentDuplicateCreatesMakeOneRow() {
		List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			String email = ((i % 2 == 0) ? "Racer@Example.com" : "racer@example.COM");
			racing.add(CompletableFuture.supplyAsync(() -> Http.postJson(url("/users"),
					"{\"name\":\"Racer\",\"email\":\"" + email + "\"}")));
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

	/** Null when the response is what the request deserves, else why not. */
	private static String check(HostileRequests.Request request, HttpResponse<String> response) {
		int status = response.statusCode();
		if (status >= 500) {
			return "server error";
		}
		if (status >= 400 && !Http.contentType(response).equals("application/problem+json")) {
			return "a 4xx that is not problem+json";
		}
		if (status >= 400 && !response.body().contains("\"status\":" + status)) {
			return "a problem without its status";
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
