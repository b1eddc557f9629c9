package com.usersservice.config.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The API's 401 and 403 with {@code API_AUTH=jwt}: Spring Security's bearer token entry point writes the status and
 * the RFC 6750 {@code WWW-Authenticate} header, this adds the RFC 9457 problem body. A token that cannot be checked
 * because the issuer's JWK set is unreachable is a 401 too (Spring Security would end the request with a 500), and
 * logged, without the token, so that an operator sees the outage.
 */
class BearerTokenProblems implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

	private static final Logger logger = LoggerFactory.getLogger(BearerTokenProblems.class);

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final JsonMapper json;

	BearerTokenProblems(JsonMapper json) {
		this.json = json;
	}

	/** No token, or a token that was refused. */
	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		if (ex instanceof OAuth2AuthenticationException refused) {
			this.bearer.commence(request, response, refused);
			OAuth2Error error = refused.getError();
			String reason = (error.getDescription() != null) ? error.getDescription() : error.getErrorCode();
			write(request, response, "Invalid bearer token", "The bearer token was refused: " + reason);
		}
		else {
			this.bearer.commence(request, response, ex);
			write(request, response, "Bearer token required", "This endpoint needs a bearer token with scope "
					+ ApiScopes.requiredFor(request.getMethod()) + " (Authorization: Bearer <token>)");
		}
	}

	/** A valid token without the scope the request needs. */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		String scope = ApiScopes.requiredFor(request.getMethod());
		String detail = "The bearer token does not grant scope " + scope;
		this.bearer.commence(request, response,
				new OAuth2AuthenticationException(BearerTokenErrors.insufficientScope(detail, scope)));
		write(request, response, "Insufficient scope", detail);
	}

	/** A token that could not be checked: the JWK set is unreachable, or it failed in another unexpected way. */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException {
		if (ex instanceof AuthenticationServiceException) {
			logger.warn("A bearer token could not be checked, the request gets a 401: {}", ex.getMessage());
			commence(request, response, new OAuth2AuthenticationException(BearerTokenErrors
				.invalidToken("The token cannot be checked now: the issuer's keys are unavailable"), ex));
		}
		else {
			commence(request, response, ex);
		}
	}

	private void write(HttpServletRequest request, HttpServletResponse response, String title, String detail)
			throws IOException {
		HttpStatusCode status = HttpStatus.valueOf(response.getStatus());
		SecurityProblems.write(this.json, request, response, status, title, detail);
	}

}
