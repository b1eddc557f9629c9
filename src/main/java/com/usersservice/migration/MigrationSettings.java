package com.usersservice.migration;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.usersservice.migration.failure.MigrationRefusedException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code users.migration.*} settings, bound once: every part of the migration step receives this object instead
 * of reading the environment. What runs before the application context exists binds it with
 * {@link #bind(Environment)}, through the same binder.
 *
 * @param mode what the service does with the changelog when it starts: apply, validate, migrate-only, drift-report,
 * background, or contract, the post-deploy step (MIGRATION_MODE)
 * @param deadline how long applying the changelog may take at start-up (apply, migrate-only, background, contract);
 * past it the running statement is cancelled on the database, the changeset rolled back, and the service exits
 * non-zero (MIGRATION_DEADLINE)
 * @param guard the destructive-change guard
 * @param allowDestructive one deploy's override of the guard: the ids of the destructive changesets to let
 * through, or true for every one (MIGRATION_ALLOW_DESTRUCTIVE)
 * @param fastPath the start-up fast path
 * @param readiness how the {@code migrations} health contributor counts towards readiness
 */
@ConfigurationProperties(MigrationSettings.PREFIX)
@Validated
public record MigrationSettings(@DefaultValue("apply") MigrationMode mode, @DefaultValue("30m") Duration deadline,
		@DefaultValue Guard guard,
		@DefaultValue("") Set<String> allowDestructive, @DefaultValue FastPath fastPath,
		@DefaultValue Readiness readiness) {

	public static final String PREFIX = "users.migration";

	public static final String MODE_PROPERTY = PREFIX + ".mode";

	public static final String DEADLINE_PROPERTY = PREFIX + ".deadline";

	private static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);

	public static final String GUARD_PROPERTY = PREFIX + ".guard.enabled";

	public static final String ALLOW_PROPERTY = PREFIX + ".allow-destructive";

	public static final String FAST_PATH_PROPERTY = PREFIX + ".fast-path.enabled";

	public MigrationSettings {
		mode = (mode != null) ? mode : MigrationMode.APPLY;
		deadline = (deadline != null) ? deadline : DEFAULT_DEADLINE;
		allowDestructive = (allowDestructive != null) ? allowDestructive.stream()
			.map(String::trim)
			.filter((id) -> !id.isEmpty())
			.collect(Collectors.toUnmodifiableSet()) : Set.of();
		guard = (guard != null) ? guard : new Guard(false);
		fastPath = (fastPath != null) ? fastPath : new FastPath(true);
		readiness = (readiness != null) ? readiness : new Readiness(false);
	}

	/**
	 * @param enabled refuse pending destructive changesets that lack the label approved-destructive (on in prod)
	 */
	public record Guard(@DefaultValue("false") boolean enabled) {

	}

	/**
	 * @param enabled skip Liquibase at start-up when the build's manifest proves nothing is to be done; off only to
	 * measure or to rule it out
	 */
	public record FastPath(@DefaultValue("true") boolean enabled) {

	}

	/**
	 * @param downWhenUnknown in validate mode, whether a changeset applied by a newer build takes this instance out of
	 * service
	 */
	public record Readiness(@DefaultValue("false") boolean downWhenUnknown) {

	}

	/** Whether the override lets this destructive changeset through ({@code true} lets every one through). */
	public boolean allowsDestructive(String changeSetId) {
		return this.allowDestructive.contains(changeSetId) || this.allowDestructive.contains("true");
	}

	/**
	 * The settings as the context will bind them, for what runs before it exists. An unknown mode stops the start-up
	 * with the allowed values; a deadline that is not a duration longer than zero stops it too.
	 */
	public static MigrationSettings bind(Environment environment) {
		MigrationSettings settings;
		try {
			settings = Binder.get(environment).bindOrCreate(PREFIX, MigrationSettings.class);
		}
		catch (BindException ex) {
			if (ex.getName().toString().equals(MODE_PROPERTY) || MODE_PROPERTY.equals(propertyOf(ex))) {
				String value = String.valueOf(ex.getProperty() != null ? ex.getProperty().getValue() : null);
				throw new MigrationRefusedException("Unknown MIGRATION_MODE '" + value + "'",
						"Set MIGRATION_MODE to one of " + Arrays.stream(MigrationMode.values())
							.map(MigrationMode::value)
							.collect(Collectors.joining(", ")) + ".");
			}
			if (ex.getName().toString().equals(DEADLINE_PROPERTY) || DEADLINE_PROPERTY.equals(propertyOf(ex))) {
				throw invalidDeadline(ex.getProperty() != null ? ex.getProperty().getValue() : null);
			}
			throw ex;
		}
		if (settings.deadline().isNegative() || settings.deadline().isZero()) {
			throw invalidDeadline(environment.getProperty(DEADLINE_PROPERTY));
		}
		return settings;
	}

	private static MigrationRefusedException invalidDeadline(Object value) {
		return new MigrationRefusedException("Invalid MIGRATION_DEADLINE '" + value + "'",
				"Set MIGRATION_DEADLINE to a duration longer than zero, such as 30m, 90s or 2h.");
	}

	private static String propertyOf(BindException ex) {
		return (ex.getProperty() != null) ? ex.getProperty().getName().toString().toLowerCase(Locale.ROOT) : null;
	}

}
