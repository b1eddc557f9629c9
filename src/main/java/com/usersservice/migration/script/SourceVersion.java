package com.usersservice.migration.script;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * "users-service 0.1.0, commit 1a2b3c4d5e6f": which sources a generated script comes from, so a DBA can tie the script
 * to a reviewed commit. The commit is the one the build recorded in {@code git.properties} (git-commit-id-maven-plugin,
 * also read by {@code /actuator/info}); nothing runs git at run time. A build without git metadata (a source archive)
 * says so instead of failing.
 */
final class SourceVersion {

	/** Written by the build next to the classes (pom.xml, profile git-checkout). */
	static final String GIT_PROPERTIES = "git.properties";

	private SourceVersion() {
	}

	/**
	 * @param basedir the project directory; no longer read (the build records the commit), kept for the callers
	 * @param version the project version the build passes on
	 */
	static String describe(String basedir, String version) {
		return describe(version, gitProperties());
	}

	static String describe(String version, Properties git) {
		String commit = git.getProperty("git.commit.id.abbrev", "");
		if (commit.isBlank()) {
			return "users-service " + version + ", commit unknown (built without git metadata)";
		}
		String dirty = Boolean.parseBoolean(git.getProperty("git.dirty")) ? " + uncommitted changes" : "";
		return "users-service " + version + ", commit " + commit + dirty;
	}

	private static Properties gitProperties() {
		Properties properties = new Properties();
		try (InputStream in = SourceVersion.class.getClassLoader().getResourceAsStream(GIT_PROPERTIES)) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			// An unreadable file says as much as a missing one: the commit is unknown.
		}
		return properties;
	}

}
