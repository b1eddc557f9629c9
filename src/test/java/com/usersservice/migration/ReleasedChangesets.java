package com.usersservice.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import liquibase.ChecksumVersion;
import liquibase.changelog.ChangeSet;

/**
 * The released-changesets list: one {@code id,author,file,database,checksum} line per changeset that has shipped and
 * database it runs on, with the checksum Liquibase stores there (properties such as column types are substituted per
 * database, so checksums differ). A released changeset may never change again; this says which ones did.
 */
final class ReleasedChangesets {

	static final String HEADER = "id,author,file,database,checksum";

	private ReleasedChangesets() {
	}

	record Entry(String id, String author, String file, String database, String checksum) {

		/** Call inside the scope the changelog was parsed in: the checksum reads its files. */
		static Entry of(ChangeSet changeSet, String database) {
			return new Entry(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath(), database,
					changeSet.generateCheckSum(ChecksumVersion.latest()).toString());
		}

		String line() {
			for (String field : List.of(this.id, this.author, this.file, this.database)) {
				if (field.contains(",")) {
					throw new IllegalArgumentException("A comma in '" + field + "' does not fit the released list");
				}
			}
			return String.join(",", this.id, this.author, this.file, this.database, this.checksum);
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
			if (fields.length != 5) {
				throw new IllegalStateException(file + ": expected " + HEADER + " but found: " + line);
			}
			entries.add(new Entry(fields[0], fields[1], fields[2], fields[3], fields[4]));
		}
		return entries;
	}

	/**
	 * Released changesets that changed or disappeared on the database the changesets were parsed for, each with what
	 * to do about it.
	 */
	static List<String> violations(List<Entry> released, List<ChangeSet> changeSets, String database) {
		List<String> violations = new ArrayList<>();
		for (Entry entry : released.stream().filter((entry) -> entry.database().equals(database)).toList()) {
			ChangeSet changeSet = changeSets.stream().filter(entry::sameChangeSet).findFirst().orElse(null);
			if (changeSet == null) {
				violations.add("Changeset " + entry.id() + " (" + entry.file() + ", " + entry.author()
						+ ") was released but is no longer in the changelog for " + database
						+ ": restore it; to undo it, add a new changeset");
			}
			else {
				String now = Entry.of(changeSet, database).checksum();
				if (!now.equals(entry.checksum())) {
					violations.add("Changeset " + entry.id() + " (" + entry.file() + ") has changed since it was "
							+ "released (" + database + " checksum " + entry.checksum() + ", now " + now
							+ "): restore it and add a new changeset instead");
				}
			}
		}
		return violations;
	}

	/** Changesets of the changelog, as parsed for the database, that the list does not record for it yet. */
	static List<Entry> unreleased(List<Entry> released, List<ChangeSet> changeSets, String database) {
		return changeSets.stream()
			.filter((changeSet) -> released.stream()
				.noneMatch((entry) -> entry.database().equals(database) && entry.sameChangeSet(changeSet)))
			.map((changeSet) -> Entry.of(changeSet, database))
			.toList();
	}

}
