package com.usersservice.authoring;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import liquibase.change.Change;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropTableChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.core.PostgresDatabase;

/**
 * {@code ./mvnw -Pautogenerate process-test-classes -Dchange=<intent>}: writes the changeset that brings the schema
 * the changelog builds to what the JPA entities say, as a new change file included by the master changelog.
 * Needs no database: the changelog is applied to the tests' PostgreSQL (embedded where there is no Docker).
 */
public final class AutogenerateChangeset {

	static final String COMMAND = "./mvnw -Pautogenerate process-test-classes -Dchange=<intent>";

	static final String MASTER = "db/changelog/db.changelog-master.yaml";

	private AutogenerateChangeset() {
	}

	/** Arguments: the intent ({@code -Dchange}), the project directory, and optionally the author. */
	public static void generate(String[] args) throws Exception {
		String intent = (args.length > 0) ? args[0] : "";
		if (intent.isBlank() || intent.startsWith("${")) {
			System.err.println("Name the change: " + COMMAND + ", e.g. -Dchange=add-phone-number");
			System.exit(2);
		}
		Path project = Path.of((args.length > 1) ? args[1] : ".");
		String author = (args.length > 2 && !args[2].isBlank() && !args[2].startsWith("${")) ? args[2] : gitUser();
		try {
			run(project.resolve("src/main/resources"), "com.usersservice", AutogenerateChangeset.class.getClassLoader(),
					intent, author, LocalDate.now(Clock.systemUTC()), System.out);
			// The test PostgreSQL is stopped by its shutdown hook.
			System.exit(0);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
	}

	/**
	 * Diffs the entities of {@code entityPackages} (as {@code entities} loads them) against the changelog under
	 * {@code resourcesRoot}; writes and includes a change file when they differ. Returns the file, or null when
	 * there was nothing to write.
	 */
	static Path run(Path resourcesRoot, String entityPackages, ClassLoader entities, String intent, String author,
			LocalDate today, PrintStream out) throws Exception {
		if (!ChangeFile.INTENT.matcher(intent).matches()) {
			throw new IllegalArgumentException("-Dchange must be lower-case words joined by '-', e.g. "
					+ "add-phone-number; got '" + intent + "'");
		}
		List<ChangeSet> changeSets = new EntityDiff(resourcesRoot, MASTER, entityPackages).changeSets(entities);
		if (changeSets.isEmpty()) {
			out.println("The entities and the changelog agree: no change file written.");
			return null;
		}
		Path file = new ChangeFile(resourcesRoot.resolve(MASTER)).write(changeSets, intent, author, today);
		out.println("Wrote " + resourcesRoot.relativize(file) + " (included at the end of " + MASTER + "):");
		out.println();
		out.println(Files.readString(file));
		warnings(changeSets, out);
		out.println("Review it, record it (README, 'Migrations', step 4), then run ./mvnw -B verify.");
		return file;
	}

	/** What a reviewer must not miss: data loss, and changes Liquibase cannot undo on its own. */
	private static void warnings(List<ChangeSet> changeSets, PrintStream out) {
		PostgresDatabase postgres = new PostgresDatabase();
		for (ChangeSet changeSet : changeSets) {
			if (changeSet.getComments() != null) {
				out.println("WARNING: " + changeSet.getComments());
			}
			for (Change change : changeSet.getChanges()) {
				String what = change.getSerializedObjectName();
				if (change instanceof DropColumnChange || change instanceof DropTableChange) {
					out.println("WARNING: " + what + " destroys data; if it really is what the entities mean, label "
							+ "the changeset approved-destructive once reviewed.");
				}
				if (change instanceof AddColumnChange add) {
					add.getColumns()
						.stream()
						.filter((column) -> column.getConstraints() != null
								&& Boolean.FALSE.equals(column.getConstraints().isNullable())
								&& !column.hasDefaultValue())
						.forEach((column) -> out.println("WARNING: " + add.getTableName() + "." + column.getName()
								+ " is NOT NULL without a default: on a table with rows, add a defaultValue or "
								+ "defaultValueComputed, or fill it in a changeset before."));
				}
				if (changeSet.getRollback().getChanges().isEmpty() && !change.supportsRollback(postgres)) {
					out.println("WARNING: " + what + " has no automatic rollback: add a rollback block (or a "
							+ "'no-rollback: <reason>' line in the changeset's comment), the changelog lint asks.");
				}
			}
		}
	}

	private static String gitUser() {
		try {
			Process git = new ProcessBuilder("git", "config", "user.name").redirectErrorStream(true).start();
			String name = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && !name.isEmpty()) {
				return name;
			}
		}
		catch (IOException ex) {
			// No git: fall back to the team name below.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return "users-service team";
	}

}
