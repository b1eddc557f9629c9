package com.usersservice.config;

import java.util.List;

/** A setting the active profile cannot run without is unset; reported by {@link MissingSettingsFailureAnalyzer}. */
class MissingSettingsException extends RuntimeException {

	private final List<String> names;

	MissingSettingsException(List<String> names, List<String> profiles) {
		super("Missing required environment variable" + ((names.size() > 1) ? "s " : " ") + String.join(", ", names)
				+ " (active profile: " + (profiles.isEmpty() ? "default" : String.join(",", profiles)) + ")");
		this.names = List.copyOf(names);
	}

	List<String> getNames() {
		return this.names;
	}

}
