package com.usersservice.authoring;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import liquibase.change.Change;
import liquibase.change.core.DeleteDataChange;
import liquibase.change.core.InsertDataChange;
import liquibase.change.core.LoadDataChange;
import liquibase.change.core.UpdateDataChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.core.PostgresDatabase;
import org.yaml.snakeyaml.Yaml;

/**
 * The project's changelog conventions, as a list of violations that each name the offending file or changeset:
 * <ul>
 * <li>the master changelog includes every file of {@code changes/} explicitly, and nothing with includeAll;</li>
 * <li>change files are named {@code <yyyyMMdd>-<nnnn>-<intent>.yaml} and their changesets
 * {@code <yyyyMMdd>-<nnnn>-<n>};</li>
 * <li>every changeset has an author, and a rollback: a {@code rollback} block, changes Liquibase can undo by itself
 * (createTable, addColumn, createIndex, ...), or a line {@code no-rollback: <reason>} in its {@code comment};</li>
 * <li>only data changes may be runAlways or runOnChange: a schema change that runs again is a migration that never
 * ends.</li>
 * </ul>
 */
final class ChangelogConventions {

	static final String NO_ROLLBACK = "no-rollback:";

	private static final Pattern REASONED_NO_ROLLBACK = Pattern.compile("(?m)^\\s*no-rollback:\\s*\\S.*$");

	private final Path resourcesRoot;

	private final String master;

	/** @param master the master changelog, relative to {@code resourcesRoot}; its change files are in changes/ */
	ChangelogConventions(Path resourcesRoot, String master) {
		this.resourcesRoot = resourcesRoot;
		this.master = master;
	}

	List<String> violations() throws Exception {
		List<String> violations = new ArrayList<>();
		Set<String> included = includes(violations);
		Path changes = this.resourcesRoot.resolve(this.master).resolveSibling("changes");
		try (Stream<Path> files = Files.list(changes)) {
			for (Path file : files.sorted().toList()) {
				String name = "changes/" + file.getFileName();
				if (!ChangeFile.FILE_NAME.matcher(file.getFileName().toString()).matches()) {
					violations.add(name + ": the name must be <yyyyMMdd>-<nnnn>-<intent>.yaml");
				}
				if (!included.contains(name)) {
					violations.add(name + ": not included by " + this.master + " (add an include for it, in order)");
				}
			}
		}
		DatabaseChangeLog changelog = Changelogs.parse(this.resourcesRoot, this.master);
		for (ChangeSet changeSet : changelog.getChangeSets()) {
			violations.addAll(violations(changeSet));
		}
		return violations;
	}

	/** The files the master includes, read as YAML: Liquibase's parser would expand includeAll silently. */
	@SuppressWarnings("unchecked")
	private Set<String> includes(List<String> violations) throws IOException {
		Set<String> included = new LinkedHashSet<>();
		try (Reader reader = Files.newBufferedReader(this.resourcesRoot.resolve(this.master))) {
			Map<String, Object> root = new Yaml().load(reader);
			for (Object entry : (List<Object>) root.get("databaseChangeLog")) {
				Map<String, Object> item = (Map<String, Object>) entry;
				if (item.containsKey("includeAll")) {
					violations.add(this.master + ": includeAll hides what runs and in which order; include each file"
							+ " explicitly");
				}
				if (item.get("include") instanceof Map<?, ?> include) {
					included.add(String.valueOf(include.get("file")));
				}
			}
		}
		return included;
	}

	private static List<String> violations(ChangeSet changeSet) {
		List<String> violations = new ArrayList<>();
		String name = changeSet.getFilePath() + "::" + changeSet.getId();
		if (changeSet.getAuthor() == null || changeSet.getAuthor().isBlank()) {
			violations.add(name + ": no author");
		}
		Matcher file = ChangeFile.FILE_NAME.matcher(Path.of(changeSet.getFilePath()).getFileName().toString());
		if (file.matches()) {
			String prefix = file.group(1) + "-" + file.group(2) + "-";
			if (!changeSet.getId().matches(Pattern.quote(prefix) + "[1-9]\\d*")) {
				violations.add(name + ": the id must be " + prefix + "<n>, after its file");
			}
		}
		else {
			violations.add(name + ": a changeset belongs in a file changes/<yyyyMMdd>-<nnnn>-<intent>.yaml");
		}
		if (!hasRollback(changeSet)) {
			violations.add(name + ": no rollback; add a rollback block, or a line '" + NO_ROLLBACK
					+ " <reason>' in its comment if it cannot have one");
		}
		if ((changeSet.isAlwaysRun() || changeSet.isRunOnChange()) && !onlyData(changeSet)) {
			violations.add(name + ": runAlways/runOnChange on a schema change; write a new changeset instead");
		}
		return violations;
	}

	private static boolean hasRollback(ChangeSet changeSet) {
		if (!changeSet.getRollback().getChanges().isEmpty()) {
			return true;
		}
		String comment = changeSet.getComments();
		if (comment != null && REASONED_NO_ROLLBACK.matcher(comment).find()) {
			return true;
		}
		PostgresDatabase postgres = new PostgresDatabase();
		List<Change> changes = changeSet.getChanges();
		return !changes.isEmpty() && changes.stream().allMatch((change) -> change.supportsRollback(postgres));
	}

	private static boolean onlyData(ChangeSet changeSet) {
		return changeSet.getChanges()
			.stream()
			.allMatch((change) -> change instanceof InsertDataChange || change instanceof UpdateDataChange
					|| change instanceof DeleteDataChange || change instanceof LoadDataChange);
	}

}
