package com.usersservice.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import liquibase.ContextExpression;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Labels;
import liquibase.database.DatabaseList;

/**
 * Proves, with the build's {@link ChangesetManifest} and one query of the history table, that a start-up has nothing
 * to apply: every changeset this build would run here is recorded with the checksum the build computed, and nothing
 * else is recorded. Liquibase's own start-up then need not happen at all. Anything short of that proof (no manifest,
 * a manifest of other files, another changelog, no history table, a missing, extra or different row, a changeset that
 * must always be checked, an unknown database) answers "not proven", and Liquibase runs as usual.
 */
final class StartupFastPath {

	private static final Map<String, String> DATABASES = Map.of("postgresql", "postgresql", "mariadb", "mariadb",
			"mysql", "mysql", "h2", "h2");

	private final ChangesetManifest manifest;

	private final boolean filesMatch;

	StartupFastPath(ChangesetManifest manifest, boolean filesMatch) {
		this.manifest = manifest;
		this.filesMatch = filesMatch;
	}

	static StartupFastPath fromClassPath(ClassLoader classLoader) {
		ChangesetManifest manifest = ChangesetManifest.load(classLoader);
		return new StartupFastPath(manifest,
				manifest != null && manifest.filesHash().equals(ChangesetManifest.hashChangelogFiles(classLoader)));
	}

	/** Whether the proof holds, and if not, why: the reason is logged so an operator sees why Liquibase ran. */
	record Verdict(boolean upToDate, String reason, int changesets) {

		static Verdict no(String reason) {
			return new Verdict(false, reason, 0);
		}

	}

	Verdict check(DataSource dataSource, String changelog, String contexts, String labels, String historyTable) {
		if (this.manifest == null) {
			return Verdict.no("no changeset manifest in this build");
		}
		if (!this.filesMatch) {
			return Verdict.no("the changeset manifest does not describe the changelog files on the class path");
		}
		if (changelog == null || !changelog.replaceFirst("^classpath:/?", "").equals(this.manifest.changelog())) {
			return Verdict.no("the changelog is " + changelog + ", not the one the manifest describes");
		}
		try (Connection connection = dataSource.getConnection()) {
			String database = DATABASES.get(shortName(connection.getMetaData().getDatabaseProductName()));
			if (database == null) {
				return Verdict.no("no manifest checksums for " + connection.getMetaData().getDatabaseProductName());
			}
			Map<String, String> expected = new HashMap<>();
			for (ChangesetManifest.Entry entry : this.manifest.entries()) {
				if (applies(entry, database, contexts, labels)) {
					if (!entry.reusable()) {
						return Verdict.no("changeset " + entry.id() + " must be checked by Liquibase at every start");
					}
					expected.put(key(entry.file(), entry.id(), entry.author()), entry.checksums().get(database));
				}
			}
			return compare(expected, history(connection, historyTable));
		}
		catch (SQLException ex) {
			return Verdict.no("the history could not be read (" + ex.getMessage().lines().findFirst().orElse("") + ")");
		}
	}

	private static Verdict compare(Map<String, String> expected, Map<String, String> recorded) {
		for (Map.Entry<String, String> row : recorded.entrySet()) {
			String checksum = expected.get(row.getKey());
			if (checksum == null) {
				return Verdict.no("the history records " + row.getKey() + ", which this build would not run here");
			}
			if (!checksum.equals(row.getValue())) {
				return Verdict.no("the checksum of " + row.getKey() + " differs from this build's");
			}
		}
		for (String key : expected.keySet()) {
			if (!recorded.containsKey(key)) {
				return Verdict.no(key + " is pending");
			}
		}
		return new Verdict(true, "every changeset is applied with this build's checksum", expected.size());
	}

	private static Map<String, String> history(Connection connection, String table) throws SQLException {
		Map<String, String> rows = new HashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT FILENAME, ID, AUTHOR, MD5SUM, EXECTYPE FROM " + table)) {
			while (result.next()) {
				String exectype = result.getString(5);
				String key = key(result.getString(1), result.getString(2), result.getString(3));
				// Only rows Liquibase counts as done are comparable; anything else is Liquibase's to judge.
				boolean done = "EXECUTED".equals(exectype) || "MARK_RAN".equals(exectype);
				rows.put(key, done ? String.valueOf(result.getString(4)) : "(" + exectype + ")");
			}
		}
		return rows;
	}

	private static boolean applies(ChangesetManifest.Entry entry, String database, String contexts, String labels) {
		boolean dbms = entry.dbms().isEmpty() || DatabaseList.definitionMatches(List.of(entry.dbms().split(",")),
				database, true);
		boolean context = new ContextExpression(entry.contexts()).matches(new Contexts(contexts));
		boolean label = new LabelExpression(labels).matches(new Labels(entry.labels()));
		return dbms && context && label;
	}

	private static String key(String file, String id, String author) {
		return file + "::" + id + "::" + author;
	}

	private static String shortName(String productName) {
		String name = productName.toLowerCase(Locale.ROOT);
		return name.contains("postgres") ? "postgresql" : name.contains("mariadb") ? "mariadb"
				: name.contains("mysql") ? "mysql" : name.equals("h2") ? "h2" : name;
	}

}
