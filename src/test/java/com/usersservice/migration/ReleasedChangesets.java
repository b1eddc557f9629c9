package com.usersservice.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import liquibase.ChecksumVersion;
import liquibase.changelog.ChangeSet;

/**
 * The released-changesets list: one {@code id,author,file,checksum} line per changeset that has shipped, with its
 * Liquibase checksum for PostgreSQL. A released changeset may never change again; this says which ones did.
 */
final class ReleasedChangesets {

	static final String HEADER = "id,author,file,checksum";

	private ReleasedChangesets() {
	}

	record Entry(String id, String author, String file, String checksum) {

		static Entry of(ChangeSet changeSet) {
			return new Entry(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath(),
					changeSet.generateCheckSum(ChecksumVersion.latest()).toString());
		}

		String line() {
			for (String field : List.of(this.id, this.author, this.file)) {
				if (field.contains(",")) {
					throw new IllegalArgumentException("A comma in '" + field + "' does not fit the released list");
				}
			}
			return String.join(",", this.id, this.author, this.file, this.checksum);
		}

		boolean sameChangeSet(ChangeSet changeSet) {
			return this.id.equals(changeSet.getId()) && this.author.equals(changeSet.getAuthor())
					&& this.file.equals(changeSet.getFilePath());
		}

	}

	static List<Entry> read(Path file) throws IOException {
		List<Entry> entries = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			if (line.isBlank() || line.equals(HEADER)) {
				continue;
			}
			String[] fields = line.split(",", -1);
			if (fields.length != 4) {
				throw new IllegalStateException(file + ": expected " + HEADER + " but found: " + line);
			}
			entries.add(new Entry(fields[0], fields[1], fields[2], fields[3]));
		}
		return entries;
	}

	/** Released changesets that changed or disappeared, each with what to do about it. */
	static List<String> violations(List<Entry> released, List<ChangeSet> changeSets) {
		List<String> violations = new ArrayList<>();
		for (Entry entry : released) {
			ChangeSet changeSet = changeSets.stream().filter(entry::sameChangeSet).findFirst().orElse(null);
			if (changeSet == null) {
				violations.add("Changeset " + entry.id() + " (" + entry.file() + ", " + entry.author()
						+ ") was released but is no longer in the changelog: restore it; to undo it, add a new changeset");
			}
			else {
				String now = Entry.of(changeSet).checksum();
				if (!now.equals(entry.checksum())) {
					violations.add("Changeset " + entry.id() + " (" + entry.file() + ") has changed since it was "
							+ "released (checksum " + entry.checksum() + ", now " + now
							+ "): restore it and add a new changeset instead");
				}
			}
		}
		return violations;
	}

	/** Changesets of the changelog that the list does not record yet. */
	static List<Entry> unreleased(List<Entry> released, List<ChangeSet> changeSets) {
		return changeSets.stream()
			.filter((changeSet) -> released.stream().noneMatch((entry) -> entry.sameChangeSet(changeSet)))
			.map(Entry::of)
			.toList();
	}

}
