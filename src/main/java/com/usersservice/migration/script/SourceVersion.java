package com.usersservice.migration.script;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * "users-service 0.1.0, commit 1a2b3c4d5e6f": which sources a generated script comes from, so a DBA can tie the script
 * to a reviewed commit. Asks git; a source tree without git (an unpacked archive) says so instead of failing.
 */
final class SourceVersion {

	private static final String CHANGELOG = "src/main/resources/db/changelog";

	private SourceVersion() {
	}

	static String describe(String basedir, String version) {
		String commit = git(basedir, "rev-parse", "--short=12", "HEAD");
		if (commit == null || commit.isBlank()) {
			return "users-service " + version + ", commit unknown (not a git checkout)";
		}
		String changes = git(basedir, "status", "--porcelain", "--", CHANGELOG);
		String dirty = (changes != null && !changes.isBlank())
				? " + uncommitted changes under " + CHANGELOG : "";
		return "users-service " + version + ", commit " + commit.strip() + dirty;
	}

	private static String git(String basedir, String... arguments) {
		List<String> command = new ArrayList<>(List.of("git", "-C", basedir));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
				.directory(new File(basedir))
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroy();
				return null;
			}
			return output;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
