package com.usersservice.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * How a release names itself on its database connections: {@code users-service/<version>}, the version as the build
 * recorded it (META-INF/build-info.properties). An operator sees it in {@code pg_stat_activity.application_name} or
 * MariaDB's {@code session_connect_attrs}; the contract step reads it to tell which releases are still connected.
 */
public final class ReleaseName {

	/** What every release's connection name starts with. */
	public static final String PREFIX = "users-service/";

	/** A build without META-INF/build-info.properties (run from an IDE's own compiler) says so. */
	public static final String UNKNOWN_VERSION = "unknown";

	private static final String BUILD_INFO = "META-INF/build-info.properties";

	private ReleaseName() {
	}

	public static String of(String version) {
		return PREFIX + version;
	}

	/** This build's version, from the build info on the class path; {@value #UNKNOWN_VERSION} without it. */
	public static String version(ClassLoader classLoader) {
		try (InputStream in = classLoader.getResourceAsStream(BUILD_INFO)) {
			if (in == null) {
				return UNKNOWN_VERSION;
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("build.version", UNKNOWN_VERSION);
		}
		catch (IOException ex) {
			return UNKNOWN_VERSION;
		}
	}

	/** The version a connection name carries, or null when it is not a release's name. */
	public static String versionIn(String applicationName) {
		return (applicationName != null && applicationName.startsWith(PREFIX))
				? applicationName.substring(PREFIX.length()) : null;
	}

}
