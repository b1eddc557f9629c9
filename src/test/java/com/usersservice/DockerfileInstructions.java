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
 * The instructions of the Dockerfile's last stage that decide how the service runs (ENV, USER, WORKDIR, COPY,
 * ENTRYPOINT), read from the file itself so the tests run the image's recipe, not a copy of it.
 */
record DockerfileInstructions(Map<String, String> env, String user, String workdir, List<List<String>> copies,
		List<String> entrypoint, List<String> runs) {

	private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

	private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

	static DockerfileInstructions parse(Path dockerfile) throws IOException {
		Map<String, String> env = new LinkedHashMap<>();
		List<List<String>> copies = new ArrayList<>();
		List<String> runs = new ArrayList<>();
		List<String> entrypoint = List.of();
		String user = "root";
		String workdir = "/";
		for (String instruction : instructions(Files.readString(dockerfile))) {
			String keyword = instruction.split("\\s+", 2)[0].toUpperCase();
			String argument = instruction.substring(keyword.length()).trim();
			switch (keyword) {
				case "FROM" -> {
					env.clear();
					copies.clear();
					user = "root";
					workdir = "/";
				}
				case "ENV" -> {
					Matcher pair = ENV_PAIR.matcher(argument);
					while (pair.find()) {
						env.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
					}
				}
				case "USER" -> user = argument;
				case "WORKDIR" -> workdir = argument;
				case "COPY" -> copies.add(List.of(argument.split("\\s+")));
				case "RUN" -> runs.add(argument);
				case "ENTRYPOINT" -> entrypoint = jsonArray(argument);
				default -> {
				}
			}
		}
		return new DockerfileInstructions(env, user, workdir, copies, entrypoint, runs);
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
