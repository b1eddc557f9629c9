package com.usersservice.authoring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import liquibase.change.Change;
import liquibase.change.ChangeWithColumns;
import liquibase.change.ColumnConfig;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.ObjectQuotingStrategy;
import liquibase.serializer.core.yaml.YamlChangeLogSerializer;

/**
 * A new change file in the project's conventions: {@code changes/<yyyyMMdd>-<nnnn>-<intent>.yaml}, changeset ids
 * {@code <yyyyMMdd>-<nnnn>-<n>}, included explicitly at the end of the master changelog.
 */
final class ChangeFile {

	static final Pattern INTENT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	static final Pattern FILE_NAME = Pattern.compile("(\\d{8})-(\\d{4})-([a-z0-9]+(?:-[a-z0-9]+)*)\\.yaml");

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	private final Path master;

	private final Path changes;

	ChangeFile(Path master) {
		this.master = master;
		this.changes = master.resolveSibling("changes");
	}

	/** Writes the changesets to a new file, includes it in the master changelog and returns its path. */
	Path write(List<ChangeSet> generated, String intent, String author, LocalDate today) throws IOException {
		String prefix = today.format(DAY) + "-" + String.format(Locale.ROOT, "%04d", nextNumber());
		String fileName = prefix + "-" + intent + ".yaml";
		List<ChangeSet> numbered = new ArrayList<>();
		for (ChangeSet changeSet : generated) {
			// No quoting strategy: Liquibase's default applies, as in the hand-written changesets.
			ChangeSet renamed = new ChangeSet(prefix + "-" + (numbered.size() + 1), author, false, false, null, null,
					null, (ObjectQuotingStrategy) null, null);
			changeSet.getChanges().forEach((change) -> renamed.addChange(portable(change)));
			changeSet.getRollback().getChanges().forEach((change) -> renamed.addRollbackChange(portable(change)));
			renamed.setComments(changeSet.getComments());
			numbered.add(renamed);
		}
		ByteArrayOutputStream yaml = new ByteArrayOutputStream();
		new YamlChangeLogSerializer().write(numbered, yaml);
		Path file = this.changes.resolve(fileName);
		Files.writeString(file, "# Generated from the JPA entities by ./mvnw -Pautogenerate; review it before "
				+ "committing.\n" + yaml.toString(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW);
		Files.writeString(this.master, include(fileName), StandardOpenOption.APPEND);
		return file;
	}

	/** One more than the highest {@code nnnn} among the existing change files, so file order is run order. */
	private int nextNumber() {
		try (Stream<Path> files = Files.list(this.changes)) {
			return files.map((file) -> FILE_NAME.matcher(file.getFileName().toString()))
				.filter(Matcher::matches)
				.mapToInt((name) -> Integer.parseInt(name.group(2)))
				.max()
				.orElse(0) + 1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + this.changes, ex);
		}
	}

	private String include(String fileName) throws IOException {
		String existing = Files.readString(this.master);
		String separator = existing.endsWith("\n") ? "" : "\n";
		return separator + "  - include:\n      file: changes/" + fileName + "\n      relativeToChangelogFile: true\n";
	}

	/**
	 * Types as the existing changesets write them: lower case, and a point in time as the {@code instant_type}
	 * changelog property, which each database defines for itself.
	 */
	private static Change portable(Change change) {
		if (change instanceof ChangeWithColumns<?> withColumns) {
			for (ColumnConfig column : withColumns.getColumns()) {
				column.setType(portableType(column.getType()));
			}
		}
		if (change instanceof ModifyDataTypeChange modify) {
			modify.setNewDataType(portableType(modify.getNewDataType()));
		}
		return change;
	}

	static String portableType(String type) {
		if (type == null) {
			return null;
		}
		String lower = type.toLowerCase(Locale.ROOT);
		return lower.matches("timestamp(\\(\\d+\\))? with time ?zone") ? "${instant_type}" : lower;
	}

}
