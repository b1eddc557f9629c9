package com.usersservice.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.PlaceholderResolutionException;

/**
 * Checks, before any bean is created, that every property listed in {@code users.required-properties} resolves. A
 * profile lists the properties it cannot run without (prod: the datasource); when one of them points at an unset
 * environment variable the service refuses to start and names the variable, instead of failing later deep inside
 * the connection pool. A standard Spring variable such as {@code SPRING_DATASOURCE_URL} still satisfies the check,
 * because it overrides the property before the placeholder is ever read.
 */
class RequiredSettings implements EnvironmentPostProcessor {

	static final String PROPERTY = "users.required-properties";

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
		if (!missing.isEmpty()) {
			throw new MissingSettingsException(new ArrayList<>(missing),
					List.of(environment.getActiveProfiles()));
		}
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
