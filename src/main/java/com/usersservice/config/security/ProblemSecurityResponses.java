package com.usersservice.config.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** The actuator's 401 and 403 as RFC 9457 problems, like every other error of the service; the 401 asks for Basic. */
class ProblemSecurityResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String REALM = "users-service actuator";

	private final JsonMapper json;

	ProblemSecurityResponses(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
		write(request, response, HttpStatus.UNAUTHORIZED,
				"This endpoint needs HTTP Basic credentials (ACTUATOR_USERNAME/ACTUATOR_PASSWORD)");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		write(request, response, HttpStatus.FORBIDDEN, "These credentials may not use this endpoint");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		SecurityProblems.write(this.json, request, response, status, status.getReasonPhrase(), detail);
	}

}
