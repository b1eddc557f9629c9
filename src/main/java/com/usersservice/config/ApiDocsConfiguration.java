package com.usersservice.config;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

import org.springframework.context.annotation.Configuration;

/**
 * The title of the OpenAPI description that springdoc generates from the controllers (/v3/api-docs, Swagger UI at
 * /swagger-ui.html). Off in prod unless API_DOCS_ENABLED=true (application-prod.yml).
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "users-service", version = "1",
		description = "Users, paged by keyset. Every error is an RFC 9457 problem (application/problem+json)."))
class ApiDocsConfiguration {

}
