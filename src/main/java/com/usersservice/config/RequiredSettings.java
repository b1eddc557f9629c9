package com.usersservice.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.usersservice.config.security.ApiSecurityProperties;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.PlaceholderResolutionException;
import org.springframework.util.StringUtils;

/**
 * Checks, before any bean is created, that every property listed in {@code users.required-properties} resolves. A
 * profile lists the properties it cannot run without (prod: the datasource); when one of them points at an unset
 * environment variable the service refuses to start and names the variable, instead of failing later deep inside
 * the connection pool. A standard Spring variable such as {@code SPRING_DATASOURCE_URL} still satisfies the check,
 * because it overrides the property before the placeholder is ever read.
 * <p>
 * One requirement depends on other settings: with {@code API_AUTH=jwt} a service that serves HTTP needs the issuer's
 * JWK set URL ({@code JWT_JWK_SET_URI}); a run without a web server (migrate-only) does not. Listed after
 * {@code MigrationModeEnvironment} in spring.factories, so that the mode has already said whether a web server runs.
 */
class RequiredSettings implements EnvironmentPostProcessor {

	static final String PROPERTY = "users.required-properties";

	static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String[] required = environment.getProperty(PROPERTY, String[].class, new String[0]);
		Set<String> missing = new LinkedHashSet<>();
		for (String name : required) {
			try {
				String value = environment.getProperty(name.trim());
				if (value == null) {
					missing.add(name.trim());
				}
			}
			catch (PlaceholderResolutionException ex) {
				missing.add(placeholderName(ex));
			}
			catch (IllegalArgumentException ex) {
				missing.add(name.trim());
			}
		}
		if (checksBearerTokens(environment, application) && !StringUtils.hasText(environment.getProperty(JWK_SET_URI))) {
			missing.add("JWT_JWK_SET_URI");
		}
		if (!missing.isEmpty()) {
			throw new MissingSettingsException(new ArrayList<>(missing),
					List.of(environment.getActiveProfiles()));
		}
	}

	private static boolean checksBearerTokens(ConfigurableEnvironment environment, SpringApplication application) {
		boolean serves = application.getWebApplicationType() != WebApplicationType.NONE
				&& !"none".equalsIgnoreCase(environment.getProperty("spring.main.web-application-type"));
		// Bound as the service binds it: an unknown API_AUTH stops the start-up with Boot's report of valid values.
		return serves && Binder.get(environment)
			.bind(ApiSecurityProperties.AUTH_PROPERTY, ApiSecurityProperties.Authentication.class)
			.orElse(ApiSecurityProperties.Authentication.NONE) == ApiSecurityProperties.Authentication.JWT;
	}

	private static String placeholderName(PlaceholderResolutionException ex) {
		String name = ex.getPlaceholder();
		if (name.startsWith("${") && name.endsWith("}")) {
			name = name.substring(2, name.length() - 1);
		}
		int colon = name.indexOf(':');
		return (colon >= 0) ? name.substring(0, colon) : name;
	}

}
