package com.usersservice.migration;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import com.usersservice.migration.run.MigrationProgress;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code MIGRATION_MODE=background}: answers API requests with 503, an RFC 9457 problem and {@code Retry-After} until
 * the schema is current, so that no request reaches a repository before the migration is done. Registered in front of
 * the API's paths only ({@link MigrationConfiguration}); actuator keeps answering.
 */
class MigrationInProgressFilter extends OncePerRequestFilter {

	/** Seconds a client should wait: about a readiness probe's period, not the migration's unknown length. */
	static final String RETRY_AFTER_SECONDS = "10";

	private final MigrationProgress progress;

	private final JsonMapper json;

	MigrationInProgressFilter(MigrationProgress progress, JsonMapper json) {
		this.progress = progress;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.progress.schemaPending()) {
			chain.doFilter(request, response);
			return;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The service is migrating its database; try again later");
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
