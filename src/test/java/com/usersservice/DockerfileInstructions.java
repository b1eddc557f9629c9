package com.usersservice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of the Dockerfile's last stage that decide how the service runs (FROM, ENV, USER, WORKDIR, COPY,
 * RUN, ENTRYPOINT), read from the file itself so the tests run the image's recipe, not a copy of it. {@code runs}
 * holds every stage's RUN commands, {@code stageRuns} the last stage's with the variables set when each runs.
 */
record DockerfileInstructions(String from, Map<String, String> env, String user, String workdir,
		List<List<String>> copies, List<String> entrypoint, List<String> runs, List<StageRun> stageRuns) {

	/** A RUN of the last stage and the variables its ENV instructions had set by then. */
	record StageRun(String command, Map<String, String> env) {
	}

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

	private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

	private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

	static DockerfileInstructions parse(Path dockerfile) throws IOException {
		Map<String, String> env = new LinkedHashMap<>();
		List<List<String>> copies = new ArrayList<>();
		List<String> runs = new ArrayList<>();
		List<StageRun> stageRuns = new ArrayList<>();
		List<String> entrypoint = List.of();
		String from = "";
		String user = "root";
		String workdir = "/";
		for (String instruction : instructions(Files.readString(dockerfile))) {
			String keyword = instruction.split("\\s+", 2)[0].toUpperCase();
			String argument = instruction.substring(keyword.length()).trim();
			switch (keyword) {
				case "FROM" -> {
					from = argument.split("\\s+")[0];
					stageRuns.clear();
					env.clear();
					copies.clear();
					user = "root";
					workdir = "/";
				}
				case "ENV" -> {
					Matcher pair = ENV_PAIR.matcher(argument);
					while (pair.find()) {
						env.put(pair.group(1), expand(pair.group(2).replaceAll("^\"|\"$", ""), env));
					}
				}
				case "USER" -> user = argument;
				case "WORKDIR" -> workdir = argument;
				case "COPY" -> copies.add(List.of(argument.split("\\s+")));
				case "RUN" -> {
					runs.add(argument);
					stageRuns.add(new StageRun(argument, Map.copyOf(env)));
				}
				case "ENTRYPOINT" -> entrypoint = jsonArray(argument);
				default -> {
				}
			}
		}
		return new DockerfileInstructions(from, env, user, workdir, copies, entrypoint, runs, stageRuns);
	}

	/** The image's Java feature release, from an {@code eclipse-temurin:<release>-jre}-style base image tag. */
	int javaRelease() {
		Matcher release = Pattern.compile(":(\\d+)").matcher(this.from);
		if (!release.find()) {
			throw new IllegalStateException("No Java release in the base image " + this.from);
		}
		return Integer.parseInt(release.group(1));
	}

	/** ${NAME} and $NAME as Docker expands them in ENV: from the variables set before, empty when unset. */
	private static String expand(String value, Map<String, String> env) {
		Matcher variable = VARIABLE.matcher(value);
		StringBuilder expanded = new StringBuilder();
		while (variable.find()) {
			String name = (variable.group(1) != null) ? variable.group(1) : variable.group(2);
			variable.appendReplacement(expanded, Matcher.quoteReplacement(env.getOrDefault(name, "")));
		}
		return variable.appendTail(expanded).toString();
	}

	private static List<String> instructions(String text) {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : text.split("\n")) {
			String trimmed = line.trim();
			if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				current.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			current.append(trimmed);
			instructions.add(current.toString().trim());
			current.setLength(0);
		}
		return instructions;
	}

	private static List<String> jsonArray(String argument) {
		List<String> values = new ArrayList<>();
		Matcher string = JSON_STRING.matcher(argument);
		while (string.find()) {
			values.add(string.group(1).replace("\\\\", "\\"));
		}
		return values;
	}

}
