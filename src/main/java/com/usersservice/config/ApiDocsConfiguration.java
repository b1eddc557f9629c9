package com.usersservice.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import com.usersservice.config.security.ApiScopes;
import com.usersservice.config.security.ApiSecurityProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description that springdoc generates from the controllers (/v3/api-docs, Swagger UI at
 * /swagger-ui.html), completed with what holds for every operation and is not on a controller: the problem document
 * as the service really writes it, the 406 any operation answers to an Accept it cannot serve, the 500 of a fault
 * on the server's side, and, with
 * {@code API_AUTH=jwt}, the bearer token each operation needs and its 401 and 403. Off in prod unless
 * API_DOCS_ENABLED=true (application-prod.yml).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@OpenAPIDefinition(info = @Info(title = "users-service", version = "1",
		description = "Users, paged by keyset. Every error is an RFC 9457 problem (application/problem+json)."))
class ApiDocsConfiguration {

	static final String PROBLEM = "application/problem+json";

	static final String BEARER = "bearer";

	private static final String PROBLEM_REF = "#/components/schemas/ProblemDetail";

	@Bean
	OpenApiCustomizer problemDocuments() {
		return (openApi) -> {
			components(openApi).addSchemas("ProblemDetail", problemDetail());
			operations(openApi).forEach((operation) -> operation.getResponses()
				.addApiResponse("406", problem("The Accept header allows neither application/json nor "
						+ "application/problem+json"))
				.addApiResponse("500", problem("The server could not complete the request (the detail says no more)")));
		};
	}

	@Bean
	OpenApiCustomizer bearerTokens(ApiSecurityProperties api) {
		return (openApi) -> {
			if (api.auth() != ApiSecurityProperties.Authentication.JWT) {
				return;
			}
			components(openApi).addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("bearer")
				.bearerFormat("JWT")
				.description("A JWT from the service's token issuer. GET needs scope `" + ApiScopes.READ
						+ "`; POST, PUT and DELETE need `" + ApiScopes.WRITE + "` (in the token's `scope` or `scp`)."));
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				String scope = ApiScopes.requiredFor(method.name());
				// OpenAPI 3.0 lists scopes in a requirement only for OAuth2 and OpenID Connect schemes; for a
				// bearer scheme the list stays empty and the scope is said in words.
				operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
				operation.description(((operation.getDescription() != null) ? operation.getDescription() + "\n\n" : "")
						+ "Needs a bearer token with scope `" + scope + "`.");
				operation.getResponses()
					.addApiResponse("401", problem("No bearer token, or one that is malformed, expired, not yet "
							+ "valid, wrongly signed, or not issued for this service").headers(challenge()))
					.addApiResponse("403", problem("The bearer token does not grant scope " + scope)
						.headers(challenge()));
			}));
		};
	}

	/** RFC 9457's problem document as the service writes it; its members are all optional in the RFC. */
	private static Schema<?> problemDetail() {
		return new ObjectSchema().description("An RFC 9457 problem.")
			.addProperty("type", uriReference("A URI reference that identifies the problem type; about:blank when "
					+ "the status says it all"))
			.addProperty("title", new StringSchema().description("A short summary of the problem type"))
			.addProperty("status", new IntegerSchema().format("int32").minimum(BigDecimal.valueOf(400))
				.maximum(BigDecimal.valueOf(599))
				.description("The HTTP status code"))
			.addProperty("detail", new StringSchema().description("What went wrong with this request"))
			// RFC 9457 makes instance a URI reference: the service answers with the request's path, relative to the
			// URL the client called, because it cannot know the address the client used (proxies, gateways).
			.addProperty("instance", uriReference("The request's path: a relative reference, resolved against "
					+ "the requested URL"))
			.addProperty("errors", new ArraySchema().description("Validation failures, one per field (400 only)")
				.items(new ObjectSchema().addProperty("field", new StringSchema())
					.addProperty("message", new StringSchema())
					.required(List.of("field", "message"))))
			.required(List.of("title", "status"));
	}

	private static Schema<?> uriReference(String description) {
		return new StringSchema().format("uri-reference").description(description);
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM,
					new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
	}

	private static Map<String, Header> challenge() {
		return Map.of("WWW-Authenticate", new Header().required(true)
			.description("Bearer, with the error and, for 403, the scope needed (RFC 6750), and the URL of the "
					+ "resource's metadata (RFC 9728)")
			.schema(new StringSchema()));
	}

	private static Components components(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		return openApi.getComponents();
	}

	private static List<Operation> operations(OpenAPI openApi) {
		return openApi.getPaths().values().stream().map(PathItem::readOperations).flatMap(List::stream).toList();
	}

}
