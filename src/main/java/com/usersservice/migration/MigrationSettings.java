package com.usersservice.migration;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.env.Environment;

/**
 * The {@code users.migration.*} settings: the run mode, whether destructive changesets need approval before they are
 * applied (on in prod), and the one-deploy override naming the destructive changesets an operator lets through.
 */
record MigrationSettings(MigrationMode mode, boolean guardEnabled, Set<String> allowedDestructive,
		boolean fastPathEnabled) {

	/** Off only to measure or to rule it out: the fast path skips Liquibase only when it proves nothing is to do. */
	static final String FAST_PATH_PROPERTY = "users.migration.fast-path.enabled";

	static final String GUARD_PROPERTY = "users.migration.guard.enabled";

	static final String ALLOW_PROPERTY = "users.migration.allow-destructive";

	static MigrationSettings from(Environment environment) {
		MigrationMode mode = MigrationMode.of(environment.getProperty(MigrationMode.PROPERTY));
		boolean guard = environment.getProperty(GUARD_PROPERTY, Boolean.class, false);
		String allowed = environment.getProperty(ALLOW_PROPERTY, "");
		return new MigrationSettings(mode, guard, Arrays.stream(allowed.split(","))
			.map(String::trim)
			.filter((id) -> !id.isEmpty())
			.collect(Collectors.toUnmodifiableSet()), environment.getProperty(FAST_PATH_PROPERTY, Boolean.class, true));
	}

	/** Whether the override lets this destructive changeset through ({@code true} lets every one through). */
	boolean allowsDestructive(String changeSetId) {
		return this.allowedDestructive.contains(changeSetId) || this.allowedDestructive.contains("true");
	}

}
