package com.usersservice.config.security;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Which scope a /users request needs: {@code users:read} to read, {@code users:write} for anything else. The one
 * answer that the authorization rule, the 403's {@code WWW-Authenticate} and the OpenAPI description all use.
 */
public final class ApiScopes {

	public static final String READ = "users:read";

	public static final String WRITE = "users:write";

	/** Spring Security's name for a scope granted by a token's {@code scope} or {@code scp} claim. */
	private static final String AUTHORITY_PREFIX = "SCOPE_";

	private static final AuthorizationManager<RequestAuthorizationContext> READERS = AuthorityAuthorizationManager
		.hasAuthority(AUTHORITY_PREFIX + READ);

	private static final AuthorizationManager<RequestAuthorizationContext> WRITERS = AuthorityAuthorizationManager
		.hasAuthority(AUTHORITY_PREFIX + WRITE);

	private ApiScopes() {
	}

	public static String requiredFor(String method) {
		return switch (method) {
			case "GET", "HEAD", "OPTIONS" -> READ;
			default -> WRITE;
		};
	}

	/** The authorization rule for /users: the token must grant the scope its method needs. */
	static AuthorizationResult check(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext request) {
		return (READ.equals(requiredFor(request.getRequest().getMethod())) ? READERS : WRITERS)
			.authorize(authentication, request);
	}

}
