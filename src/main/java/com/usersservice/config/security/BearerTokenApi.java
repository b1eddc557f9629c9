package com.usersservice.config.security;

import java.util.Enumeration;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.util.StringUtils;

/**
 * The /users chain with {@code API_AUTH=jwt}: Spring Security's OAuth2 resource server with Boot's JwtDecoder, the
 * scope of each method ({@link ApiScopes}), and 401 and 403 as problems ({@link BearerTokenProblems}).
 */
final class BearerTokenApi {

	private BearerTokenApi() {
	}

	static void configure(HttpSecurity http, JsonMapper json, String issuer) throws Exception {
		BearerTokenProblems problems = new BearerTokenProblems(json);
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.headers(Customizer.withDefaults())
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/users", "/users/**")
				.access(ApiScopes::check)
				// The API description and Swagger UI are served only where API_DOCS_ENABLED allows; the error page
				// must render the answer to a request that was already let through.
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error")
				.permitAll()
				.anyRequest()
				.authenticated())
			// Boot's JwtDecoder (spring.security.oauth2.resourceserver.jwt.*) checks signature, algorithm, exp, nbf
			// and, when set, iss and aud; the token's scope or scp claim becomes its SCOPE_ authorities.
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.bearerTokenResolver(oneAuthorizationHeader())
				// RFC 9728's /.well-known/oauth-protected-resource, which every 401 points to: the scopes, the issuer,
				// and no certificate-bound tokens (Spring Security's default claims them).
				.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer((resource) -> {
					resource.scopes((scopes) -> scopes.addAll(List.of(ApiScopes.READ, ApiScopes.WRITE)))
						.tlsClientCertificateBoundAccessTokens(false);
					if (StringUtils.hasText(issuer)) {
						resource.authorizationServer(issuer);
					}
				}))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {

					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(problems);
						return filter;
					}

				}))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems));
	}

	/**
	 * Spring Security's resolver reads the first Authorization header only; two are refused (400 invalid_request),
	 * so that a proxy that checks one of them and the service cannot disagree on who is calling.
	 */
	private static BearerTokenResolver oneAuthorizationHeader() {
		DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
		return (request) -> {
			Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
			if (headers != null && headers.hasMoreElements()) {
				headers.nextElement();
				if (headers.hasMoreElements()) {
					throw new OAuth2AuthenticationException(
							BearerTokenErrors.invalidRequest("Found more than one Authorization header in the request"));
				}
			}
			return resolver.resolve(request);
		};
	}

}
