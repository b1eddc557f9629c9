package com.usersservice.config;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.nimbusds.jose.jwk.RSAKey;
import com.usersservice.Http;
import com.usersservice.OpenApiContract;
import com.usersservice.RawHttp;
import com.usersservice.RunningService;
import com.usersservice.TestPostgres;
import com.usersservice.TestTokenIssuer;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The prod profile's default, {@code API_AUTH=jwt}, with real signed tokens: a JWK set served on loopback by
 * {@link TestTokenIssuer}, iss and aud checked. Every response is checked against the OpenAPI description the service
 * serves (API_DOCS_ENABLED=true), which then tells of the bearer scheme, the scopes, 401 and 403.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProdApiSecurityTests {

	static final String BOTH = "users:read users:write";

	static TestTokenIssuer issuer;

	static RunningService service;

	static OpenApiContract contract;

	/** Every token and email address this class sent, for the log check. */
	static final List<String> tokensSent = new ArrayList<>();

	static final List<String> emailsSent = new ArrayList<>();

	@BeforeAll
	static void startProd() {
		issuer = TestTokenIssuer.start();
		Map<String, String> env = new HashMap<>(issuer.variables());
		env.putAll(Map.of("PROD_DATABASE_URL", TestPostgres.createDatabase("prod_api_auth"), "PROD_DATABASE_USERNAME",
				TestPostgres.username(), "PROD_DATABASE_PASSWORD", TestPostgres.password(), "ACTUATOR_USERNAME", "ops",
				"ACTUATOR_PASSWORD", "ops-secret", "API_DOCS_ENABLED", "true"));
		service = RunningService.start("prod", env);
		contract = OpenApiContract.servedBy(service.url(""));
	}

	@AfterAll
	static void stop() {
		if (service != null) {
			service.close();
		}
		issuer.close();
	}

	@ParameterizedTest
	@CsvSource({ "GET, /users, users:read", "GET, /users/1, users:read", "POST, /users, users:write",
			"PUT, /users/1, users:write", "DELETE, /users/1, users:write" })
	void withoutATokenEveryOperationIsA401ThatAsksForABearerToken(String method, String path, String scope) {
		HttpResponse<String> response = send(method, path, null, user("Anon", unique("anon")));
		assertProblem(response, 401);
		assertThat(challenge(response)).startsWith("Bearer ").doesNotContain("error=");
		assertThat(response.body()).contains("scope " + scope);
	}

	static Stream<Arguments> refusedTokens() {
		Instant now = Instant.now();
		return Stream.of(Arguments.of("not a JWT", "not-a-jwt"), Arguments.of("three empty parts", "a.b.c"),
				Arguments.of("expired", issuer.claims().scope(BOTH).expiresAt(now.minus(5, ChronoUnit.MINUTES))
					.signedWith(issuer.rsa())),
				Arguments.of("not yet valid", issuer.claims().scope(BOTH).notBefore(now.plus(5, ChronoUnit.MINUTES))
					.signedWith(issuer.rsa())),
				Arguments.of("signed by another key under the issuer's kid",
						issuer.claims().scope(BOTH).signedWith(TestTokenIssuer.rsaKey(issuer.rsa().getKeyID()))),
				Arguments.of("signed by a key the issuer never published",
						issuer.claims().scope(BOTH).signedWith(TestTokenIssuer.rsaKey("unknown"))),
				Arguments.of("alg none", issuer.claims().scope(BOTH).unsigned()),
				Arguments.of("HS256 keyed with the issuer's public key",
						issuer.claims().scope(BOTH).hs256WithPublicKeyOf(issuer.rsa())),
				Arguments.of("another issuer", issuer.claims().scope(BOTH).claim("iss", "https://evil.example/")
					.signedWith(issuer.rsa())),
				Arguments.of("another audience", issuer.claims().scope(BOTH).claim("aud", "another-service")
					.signedWith(issuer.rsa())),
				Arguments.of("no audience", issuer.claims().scope(BOTH).claim("aud", null).signedWith(issuer.rsa())),
				Arguments.of("a valid token with a byte changed", tamper(issuer.token(BOTH))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedTokens")
	void aRefusedTokenIsA401InvalidToken(String description, String token) {
		for (String[] request : List.of(new String[] { "GET", "/users" }, new String[] { "POST", "/users" })) {
			HttpResponse<String> response = send(request[0], request[1], token, user("Refused", unique("refused")));
			assertProblem(response, 401);
			assertThat(challenge(response)).as(description).startsWith("Bearer ").contains("error=\"invalid_token\"");
		}
	}

	@Test
	void readScopeReadsAndIsRefusedEveryWriteWithInsufficientScope() {
		long id = create(issuer.token(BOTH));
		String reader = issuer.token("users:read");
		assertThat(send("GET", "/users", reader, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/users/" + id, reader, null).statusCode()).isEqualTo(200);
		for (String[] request : List.of(new String[] { "POST", "/users" }, new String[] { "PUT", "/users/" + id },
				new String[] { "DELETE", "/users/" + id })) {
			HttpResponse<String> response = send(request[0], request[1], reader, user("Reader", unique("reader")));
			assertProblem(response, 403);
			assertThat(challenge(response)).startsWith("Bearer ")
				.contains("error=\"insufficient_scope\"")
				.contains("scope=\"users:write\"");
		}
		assertThat(send("GET", "/users/" + id, reader, null).statusCode()).as("still there").isEqualTo(200);
	}

	@Test
	void writeScopeWritesAndIsRefusedReads() {
		String writer = issuer.token("users:write");
		long id = create(writer);
		assertThat(send("PUT", "/users/" + id, writer, user("Written", unique("written"))).statusCode())
			.isEqualTo(200);
		for (String path : List.of("/users", "/users/" + id)) {
			HttpResponse<String> response = send("GET", path, writer, null);
			assertProblem(response, 403);
			assertThat(challenge(response)).contains("error=\"insufficient_scope\"").contains("scope=\"users:read\"");
		}
		assertThat(send("DELETE", "/users/" + id, writer, null).statusCode()).isEqualTo(204);
	}

	@Test
	void scopesMayComeAsAnScpList() {
		String token = issuer.claims().claim("scp", List.of("users:read", "users:write")).signedWith(issuer.rsa());
		long id = create(token);
		assertThat(send("GET", "/users/" + id, token, null).statusCode()).isEqualTo(200);
	}

	@Test
	void aTokenWithNeitherScopeIsRefusedEverything() {
		String token = issuer.token("profile email");
		assertProblem(send("GET", "/users", token, null), 403);
		assertProblem(send("POST", "/users", token, user("None", unique("none"))), 403);
	}

	@Test
	void rs256AndEs256TokensAreAccepted() {
		String es256 = issuer.claims().scope(BOTH).signedWith(issuer.ec());
		assertThat(es256.substring(0, es256.indexOf('.'))).isNotEqualTo(issuer.token(BOTH).split("\\.")[0]);
		long id = create(es256);
		assertThat(send("GET", "/users/" + id, issuer.claims().scope(BOTH).signedWith(issuer.rsa()), null)
			.statusCode()).isEqualTo(200);
	}

	@Test
	void aKeyPublishedLaterUnderANewKidIsUsedWithoutARestart() {
		assertThat(send("GET", "/users", issuer.token(BOTH), null).statusCode()).isEqualTo(200);
		RSAKey next = issuer.rotate("rsa-" + UUID.randomUUID());
		String token = issuer.claims().scope(BOTH).signedWith(next);
		assertThat(send("GET", "/users", token, null).statusCode()).isEqualTo(200);
		assertThat(create(token)).isPositive();
	}

	@Test
	void oversizedAuthorizationHeadersAreRefusedWithProblems() {
		// Past Tomcat's 8 KiB request head: refused before any filter.
		assertProblem(send("GET", "/users", "A".repeat(50 * 1024), null), 400);
		// Within it, a token of legal characters that is no JWT.
		assertProblem(send("GET", "/users", "A".repeat(7 * 1024), null), 401);
		assertProblem(send("GET", "/users", "eyJ" + "A".repeat(3000) + "." + "B".repeat(3000) + ".C", null), 401);
	}

	@Test
	void oddAuthorizationHeadersAreRefusedWithProblems() {
		String token = issuer.token(BOTH);
		Map<String, Integer> headers = new LinkedHashMap<>();
		headers.put("Basic " + Base64.getEncoder().encodeToString("ops:ops-secret".getBytes()), 401);
		headers.put("Bearer", 401);
		headers.put("Bearer ", 401);
		headers.put("Bearer  " + token, 401);
		headers.put("Bearer " + token + " extra", 401);
		headers.put("Bearer " + token + ",", 401);
		headers.put("Bearer " + token.replace('.', '!'), 401);
		headers.put("Token " + token, 401);
		headers.put(token, 401);
		headers.put("Bearer ....", 401);
		headers.put("Bearer ===", 401);
		headers.put("Bearer \u00e9t\u00e9", 401);
		for (Map.Entry<String, Integer> header : headers.entrySet()) {
			HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(service.url("/users")))
				.header("Authorization", header.getKey()));
			contract.check("GET", "/users", response);
			assertThat(response.statusCode()).as(header.getKey()).isEqualTo(header.getValue());
			assertThat(Http.contentType(response)).isEqualTo("application/problem+json");
		}
		HttpResponse<String> twoTokens = Http.send(HttpRequest.newBuilder(URI.create(service.url("/users")))
			.header("Authorization", "Bearer " + token)
			.header("Authorization", "Bearer " + token));
		contract.check("GET", "/users", twoTokens);
		assertThat(twoTokens.statusCode()).as("two Authorization headers").isEqualTo(400);
		assertThat(challenge(twoTokens)).contains("error=\"invalid_request\"");
	}

	@Test
	void binaryAuthorizationHeadersAreRefusedWithProblems() {
		byte[][] values = { { 0 }, { 0x07, 0x08 }, { (byte) 0xff, (byte) 0xfe }, { (byte) 0xc3, 0x28 },
				{ (byte) 0xe2, (byte) 0x80, (byte) 0xa8 }, { 0x1b, '[', '3', '1', 'm' }, { 0x7f },
				"é€".getBytes(StandardCharsets.UTF_8), randomBytes(512) };
		for (byte[] value : values) {
			for (String prefix : List.of("Authorization: Bearer ", "Authorization: ")) {
				RawHttp.Response response = RawHttp.send(port(), "GET", "/users",
						List.of(RawHttp.header(prefix, value)));
				assertThat(response.status()).as("%s%s", prefix, hex(value)).isBetween(400, 499);
				assertThat(response.contentType()).as("%s%s", prefix, hex(value)).isEqualTo("application/problem+json");
				assertThat(contract.problems("GET", "/users", response.status(), response.headers(), response.body()))
					.as("%s%s", prefix, hex(value))
					.isEmpty();
			}
		}
	}

	@Test
	void healthStaysOpenAndTheActuatorKeepsItsOwnBasicAccount() {
		assertThat(Http.get(service.managementUrl("/actuator/health")).statusCode()).isEqualTo(200);
		assertThat(Http.get(service.managementUrl("/actuator/health/readiness")).statusCode()).isEqualTo(200);
		HttpResponse<String> withToken = Http.send(HttpRequest.newBuilder(
				URI.create(service.managementUrl("/actuator/liquibase")))
			.header("Authorization", "Bearer " + remember(issuer.token(BOTH))));
		assertThat(withToken.statusCode()).as("a bearer token opens no actuator endpoint").isEqualTo(401);
		assertThat(withToken.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("Basic "));
		assertThat(Http.get(service.managementUrl("/actuator/liquibase"), "ops", "ops-secret").statusCode())
			.isEqualTo(200);
		HttpResponse<String> basicOnTheApi = Http.get(service.url("/users"), "ops", "ops-secret");
		assertThat(basicOnTheApi.statusCode()).as("the actuator account opens no API").isEqualTo(401);
	}

	@Test
	void theApiDescriptionTellsOfTheBearerSchemeAndTheScopeOfEachOperation() {
		SecurityScheme bearer = contract.api().getComponents().getSecuritySchemes().get("bearer");
		assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
		assertThat(bearer.getScheme()).isEqualTo("bearer");
		assertThat(bearer.getBearerFormat()).isEqualTo("JWT");
		Map<String, String> scopes = new HashMap<>();
		contract.api().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			String name = method + " " + path;
			assertThat(operation.getSecurity()).as(name).hasSize(1);
			assertThat(operation.getSecurity().get(0)).as(name).containsOnlyKeys("bearer");
			assertThat(operation.getResponses()).as(name).containsKeys("401", "403");
			assertThat(operation.getResponses().get("401").getHeaders()).as(name).containsKey("WWW-Authenticate");
			scopes.put(name, scope(operation));
		}));
		assertThat(scopes).containsOnly(Map.entry("GET /users", "users:read"), Map.entry("GET /users/{id}",
				"users:read"), Map.entry("POST /users", "users:write"), Map.entry("PUT /users/{id}", "users:write"),
				Map.entry("DELETE /users/{id}", "users:write"));
	}

	/** RFC 9728: where every 401 points clients, the truth about this resource. */
	@Test
	void theProtectedResourceMetadataNamesTheScopesAndTheIssuer() {
		HttpResponse<String> metadata = Http.get(service.url("/.well-known/oauth-protected-resource"));
		assertThat(metadata.statusCode()).isEqualTo(200);
		JsonNode document = JsonMapper.builder().build().readTree(metadata.body());
		assertThat(document.get("scopes_supported").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("users:read", "users:write");
		assertThat(document.get("authorization_servers").valueStream().map(JsonNode::asString))
			.containsExactly(TestTokenIssuer.ISSUER);
		assertThat(document.get("tls_client_certificate_bound_access_tokens").asBoolean()).isFalse();
		assertThat(challenge(send("GET", "/users", null, null)))
			.contains("resource_metadata=\"" + service.url("/.well-known/oauth-protected-resource") + "\"");
	}

	@Test
	void tokensAreCheckedWithoutAnyCallToTheIssuerButTheJwkSet() {
		int before = issuer.fetches();
		for (int i = 0; i < 5; i++) {
			assertThat(send("GET", "/users", issuer.token(BOTH), null).statusCode()).isEqualTo(200);
		}
		assertThat(issuer.fetches() - before).as("the JWK set is cached, not fetched per request").isZero();
	}

	/**
	 * Every endpoint and every error, successes and failures alike, a 409 on a taken email included; then no line
	 * the service wrote since it started (at prod's levels) holds an email address or a token.
	 */
	@Test
	void noEmailAndNoTokenReachesTheLog(CapturedOutput output) {
		String token = issuer.token(BOTH);
		String first = unique("Log.First");
		String second = unique("log.second");
		long one = create(token, first);
		long two = create(token, second);
		assertThat(send("GET", "/users", token, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/users/" + one, token, null).statusCode()).isEqualTo(200);
		assertProblem(send("POST", "/users", token, user("Taken", first.toUpperCase())), 409);
		assertProblem(send("PUT", "/users/" + two, token, user("Taken", first)), 409);
		assertThat(send("PUT", "/users/" + one, token, user("Renamed", unique("log.renamed"))).statusCode())
			.isEqualTo(200);
		assertProblem(send("POST", "/users", token, user("Invalid", "log.invalid@@example.com")), 400);
		assertProblem(send("POST", "/users", token, "{\"name\":\"X\",\"email\":\"" + unique("log.field")
				+ "\",\"admin\":true}"), 400);
		assertProblem(send("POST", "/users", token, "{\"name\":\"X\",\"email\":\"" + unique("log.broken")), 400);
		assertProblem(send("GET", "/users/999999999", token, null), 404);
		assertProblem(send("PATCH", "/users/" + one, token, user("Patch", unique("log.patch"))), 405);
		assertProblem(sendAs("GET", "/users", token, "application/xml"), 406);
		assertProblem(send("POST", "/users", token, user("x".repeat(70_000), unique("log.large"))), 413);
		HttpResponse<String> plain = Http.send(HttpRequest.newBuilder(URI.create(service.url("/users")))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(user("Plain", unique("log.plain")))));
		contract.check("POST", "/users", plain);
		assertProblem(plain, 415);
		assertProblem(send("POST", "/users", null, user("Anon", unique("log.anon"))), 401);
		assertProblem(send("POST", "/users", tamper(token), user("Forged", unique("log.forged"))), 401);
		assertProblem(send("POST", "/users", issuer.token("users:read"), user("Reader", unique("log.reader"))), 403);
		assertThat(send("DELETE", "/users/" + two, token, null).statusCode()).isEqualTo(204);

		String log = output.getAll();
		assertThat(log).as("the service's own log was captured").contains("Tomcat started on port");
		assertThat(log).as("an email address in the log").doesNotContainPattern("(?i)[a-z0-9._-]+@@?example\\.com");
		for (String email : emailsSent) {
			assertThat(log.toLowerCase()).as("the log").doesNotContain(email.toLowerCase());
		}
		assertThat(log).as("a JWT in the log").doesNotContainPattern("eyJ[A-Za-z0-9_-]+\\.");
		for (String sent : tokensSent) {
			for (String part : sent.split("\\.")) {
				if (part.length() > 16) {
					assertThat(log).as("a part of a token in the log").doesNotContain(part);
				}
			}
		}
	}

	/**
	 * The database's own error for a taken email names no row, so that no exception message, and so no log line,
	 * can carry it; the SQLState still says which rule was broken.
	 */
	@Test
	void databaseErrorsNameNoRow() {
		JdbcTemplate jdbc = new JdbcTemplate(service.context().getBean(DataSource.class));
		String email = unique("log.duplicate");
		jdbc.update("INSERT INTO users (name, email) VALUES (?, ?)", "First", email);
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> jdbc.update("INSERT INTO users (name, email) VALUES (?, ?)", "Second", email))
			.satisfies((ex) -> assertThat(ex.getMostSpecificCause()).isInstanceOfSatisfying(SQLException.class,
					(sql) -> assertThat(sql.getSQLState()).isEqualTo("23505")))
			.satisfies((ex) -> assertThat(stackTrace(ex)).doesNotContainIgnoringCase(email));
	}

	private static String stackTrace(Throwable ex) {
		StringWriter trace = new StringWriter();
		ex.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

	/** The scope an operation's description and its 403 say it needs. */
	private static String scope(Operation operation) {
		String forbidden = operation.getResponses().get("403").getDescription();
		String scope = forbidden.substring(forbidden.lastIndexOf(' ') + 1);
		assertThat(operation.getDescription()).contains("scope `" + scope + "`");
		return scope;
	}

	private static long create(String token) {
		return create(token, unique("created"));
	}

	private static long create(String token, String email) {
		HttpResponse<String> created = send("POST", "/users", token, user("Created", email));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return Long.parseLong(created.headers().firstValue("Location").orElseThrow().replace("/users/", ""));
	}

	/** Sends the request, with {@code Authorization: Bearer token} unless it is null, and checks the answer. */
	static HttpResponse<String> send(String method, String path, String token, String json) {
		return sendAs(method, path, token, null, json);
	}

	static HttpResponse<String> sendAs(String method, String path, String token, String accept) {
		return sendAs(method, path, token, accept, null);
	}

	static HttpResponse<String> sendAs(String method, String path, String token, String accept, String json) {
		boolean body = json != null && !method.equals("GET") && !method.equals("DELETE");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path)))
			.method(method, body ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (body) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + remember(token));
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		HttpResponse<String> response = Http.send(request);
		contract.check(method, path, response);
		return response;
	}

	static String remember(String token) {
		synchronized (tokensSent) {
			tokensSent.add(token);
		}
		return token;
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(Http.contentType(response)).isEqualTo("application/problem+json");
		assertThat(response.body()).contains("\"status\":" + status);
	}

	private static String challenge(HttpResponse<String> response) {
		return response.headers().firstValue("WWW-Authenticate").orElse("");
	}

	private static int port() {
		return URI.create(service.url("/")).getPort();
	}

	static String user(String name, String email) {
		return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
	}

	static String unique(String local) {
		String email = local + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		synchronized (emailsSent) {
			emailsSent.add(email);
		}
		return email;
	}

	private static String tamper(String token) {
		char[] chars = token.toCharArray();
		int at = token.indexOf('.') + 5;
		chars[at] = (chars[at] == 'A') ? 'B' : 'A';
		return new String(chars);
	}

	/** Any bytes but CR and LF, which would end the header line rather than be in it. */
	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new Random(15).nextBytes(bytes);
		for (int i = 0; i < length; i++) {
			if (bytes[i] == '\r' || bytes[i] == '\n') {
				bytes[i] = 0;
			}
		}
		return bytes;
	}

	private static String hex(byte[] bytes) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < Math.min(bytes.length, 8); i++) {
			text.append(String.format("%02X", bytes[i]));
		}
		return text.toString();
	}

}
