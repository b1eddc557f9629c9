package com.usersservice.user;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.usersservice.TestDatabaseConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description generated from the controller says what the API really does. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
@ActiveProfiles("test")
class ApiDocsTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final String PROBLEM = "application/problem+json";

	@LocalServerPort
	private int port;

	@Autowired
	private ObjectMapper json;

	@Test
	void describesEveryUsersOperation() throws Exception {
		JsonNode paths = apiDocs().get("paths");
		assertThat(names(paths)).containsExactlyInAnyOrder("/users", "/users/{id}");
		assertThat(names(paths.get("/users"))).containsExactlyInAnyOrder("get", "post");
		assertThat(names(paths.get("/users/{id}"))).containsExactlyInAnyOrder("get", "put", "delete");
	}

	@Test
	void listParametersCarryTheirBoundsAndDefaults() throws Exception {
		JsonNode list = apiDocs().get("paths").get("/users").get("get");
		JsonNode size = parameter(list, "size");
		assertThat(size.get("in").asString()).isEqualTo("query");
		assertThat(size.get("schema").get("minimum").asInt()).isEqualTo(1);
		assertThat(size.get("schema").get("maximum").asInt()).isEqualTo(UserController.MAX_PAGE_SIZE);
		assertThat(size.get("schema").get("default").asInt()).isEqualTo(20);
		JsonNode after = parameter(list, "after");
		assertThat(after.get("schema").get("minimum").asInt()).isZero();
		assertThat(after.get("schema").get("default").asInt()).isZero();
		assertThat(after.get("schema").get("format").asString()).isEqualTo("int64");
	}

	@Test
	void eachOperationListsExactlyItsResponsesWithProblemJsonErrors() throws Exception {
		JsonNode paths = apiDocs().get("paths");
		assertResponses(paths.get("/users").get("get"), "200", "400", "406", "500");
		assertResponses(paths.get("/users").get("post"), "201", "400", "406", "409", "413", "415", "500");
		assertResponses(paths.get("/users/{id}").get("get"), "200", "304", "400", "404", "406", "500");
		assertResponses(paths.get("/users/{id}").get("put"), "200", "400", "404", "406", "409", "412", "413", "415",
				"500");
		assertResponses(paths.get("/users/{id}").get("delete"), "204", "400", "404", "406", "412", "500");
		assertThat(paths.get("/users").get("post").get("responses").get("201").get("headers").has("Location"))
			.isTrue();
	}

	@Test
	void aUserComesWithAnETagThatPutAndDeleteTakeInIfMatch() throws Exception {
		JsonNode paths = apiDocs().get("paths");
		assertThat(paths.get("/users").get("post").get("responses").get("201").get("headers").has("ETag")).isTrue();
		for (String method : List.of("get", "put")) {
			assertThat(paths.get("/users/{id}").get(method).get("responses").get("200").get("headers").has("ETag"))
				.as(method)
				.isTrue();
		}
		for (String method : List.of("put", "delete")) {
			JsonNode ifMatch = parameter(paths.get("/users/{id}").get(method), "If-Match");
			assertThat(ifMatch.get("in").asString()).isEqualTo("header");
			assertThat(ifMatch.path("required").asBoolean(false)).as("optional: without it the write is unconditional")
				.isFalse();
		}
	}

	@Test
	void schemasDescribeTheBodies() throws Exception {
		JsonNode docs = apiDocs();
		JsonNode schemas = docs.get("components").get("schemas");
		JsonNode request = schemas.get("UserRequest");
		assertThat(names(request.get("properties"))).containsExactlyInAnyOrder("name", "email");
		assertThat(request.get("required").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("name",
				"email");
		assertThat(request.get("additionalProperties").asBoolean(true)).as("unknown fields are rejected").isFalse();
		assertThat(request.get("properties").get("name").get("maxLength").asInt()).isEqualTo(User.NAME_MAX);
		assertThat(request.get("properties").get("email").get("maxLength").asInt()).isEqualTo(User.EMAIL_MAX);
		assertThat(request.get("properties").get("email").get("format").asString()).isEqualTo("email");
		JsonNode user = schemas.get("User");
		assertThat(names(user.get("properties"))).containsExactlyInAnyOrder("id", "name", "email", "createdAt",
				"updatedAt");
		assertThat(user.get("properties").get("createdAt").get("format").asString()).isEqualTo("date-time");
		assertThat(user.get("properties").get("updatedAt").get("format").asString()).isEqualTo("date-time");
		assertThat(user.get("required").valueStream().map(JsonNode::asString)).contains("updatedAt");
		assertThat(names(schemas.get("UserPage").get("properties"))).containsExactlyInAnyOrder("items", "next");
		assertThat(docs.get("paths").get("/users").get("post").get("requestBody").get("content").get(
				"application/json").get("schema").get("$ref").asString()).endsWith("/UserRequest");
	}

	@Test
	void isOpenApi30WithoutSecurityWhileTheApiIsOpen() throws Exception {
		JsonNode docs = apiDocs();
		assertThat(docs.get("openapi").asString()).startsWith("3.0.");
		assertThat(docs.get("components").has("securitySchemes")).as("API_AUTH=none: no security scheme").isFalse();
		docs.get("paths").forEach((path) -> path.forEach((operation) -> {
			assertThat(operation.has("security")).isFalse();
			assertThat(names(operation.get("responses"))).doesNotContain("401", "403");
		}));
	}

	/** RFC 9457: type and instance are URI references; the service sends instance as the request's path. */
	@Test
	void theProblemDocumentIsDescribedAsTheServiceWritesIt() throws Exception {
		JsonNode problem = apiDocs().get("components").get("schemas").get("ProblemDetail");
		JsonNode properties = problem.get("properties");
		assertThat(names(properties)).containsExactlyInAnyOrder("type", "title", "status", "detail", "instance",
				"errors");
		assertThat(properties.get("instance").get("format").asString()).isEqualTo("uri-reference");
		assertThat(properties.get("type").get("format").asString()).isEqualTo("uri-reference");
		assertThat(properties.get("errors").get("items").get("required").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("field", "message");
		assertThat(problem.get("required").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("title",
				"status");
	}

	@Test
	void swaggerUiIsServed() throws Exception {
		HttpResponse<String> redirect = get("/swagger-ui.html");
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying((location) -> assertThat(location)
			.endsWith("/swagger-ui/index.html"));
		HttpResponse<String> page = get("/swagger-ui/index.html");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("swagger-ui");
	}

	private void assertResponses(JsonNode operation, String... codes) {
		JsonNode responses = operation.get("responses");
		assertThat(names(responses)).as(operation.get("summary").asString()).containsExactlyInAnyOrder(codes);
		for (String code : codes) {
			JsonNode content = responses.get(code).get("content");
			if (code.startsWith("4") || code.startsWith("5")) {
				assertThat(names(content)).as("%s %s", operation.get("summary").asString(), code)
					.containsExactly(PROBLEM);
				assertThat(content.get(PROBLEM).get("schema").get("$ref").asString()).endsWith("/ProblemDetail");
			}
			else if (!code.equals("204") && !code.equals("304")) {
				assertThat(names(content)).as("%s %s", operation.get("summary").asString(), code)
					.containsExactly("application/json");
			}
		}
	}

	private static JsonNode parameter(JsonNode operation, String name) {
		for (JsonNode parameter : operation.get("parameters")) {
			if (parameter.get("name").asString().equals(name)) {
				return parameter;
			}
		}
		throw new AssertionError("No parameter " + name + " in " + operation);
	}

	private static List<String> names(JsonNode node) {
		return new ArrayList<>(node.propertyNames());
	}

	private JsonNode apiDocs() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
