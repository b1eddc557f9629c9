package com.usersservice.config.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code users.api.*}: how the /users API checks its callers. {@code auth} is {@code API_AUTH}; the token issuer's
 * settings ({@code JWT_JWK_SET_URI}, {@code JWT_ISSUER}, {@code JWT_AUDIENCE}) are Boot's own
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties (application.yml).
 *
 * @param auth whether /users needs a bearer token
 * @param warnWhenOpen whether an open API is worth a WARN at start-up (prod, where the default is jwt)
 * @param jwkSetConnectTimeout how long to wait for a connection to the JWK set URL
 * @param jwkSetReadTimeout how long to wait for the JWK set once connected
 */
@ConfigurationProperties("users.api")
public record ApiSecurityProperties(@DefaultValue("none") Authentication auth, boolean warnWhenOpen,
		@DefaultValue("2s") Duration jwkSetConnectTimeout, @DefaultValue("5s") Duration jwkSetReadTimeout) {

	public static final String AUTH_PROPERTY = "users.api.auth";

	/** The values of {@code API_AUTH}. */
	public enum Authentication {

		/** Every /users request needs a bearer token (a JWT) with the operation's scope. */
		JWT,
		/** The API is open: tokens, if any, are checked in front of the service. */
		NONE

	}

}
