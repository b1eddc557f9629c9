package com.usersservice.migration.fastpath;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import liquibase.ContextExpression;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Labels;
import liquibase.database.DatabaseList;

import com.usersservice.migration.changelog.ChangelogInspector;
import com.usersservice.migration.changelog.ChangesetKey;
import com.usersservice.migration.changelog.HistoryComparison;

/**
 * Proves, with the build's {@link ChangesetManifest} and one query of the history table, that a start-up has nothing
 * to apply: every changeset this build would run here is recorded with the checksum the build computed, and nothing
 * else is recorded. Liquibase's own start-up then need not happen at all. Anything short of that proof (no manifest,
 * a manifest of other files, another changelog, no history table, a missing, extra or different row, a changeset that
 * must always be checked, an unknown database) answers "not proven", and Liquibase runs as usual.
 */
public class StartupFastPath {

	private static final Map<String, String> DATABASES = Map.of("postgresql", "postgresql", "mariadb", "mariadb",
			"mysql", "mysql", "h2", "h2");

	private final ChangesetManifest manifest;

	private final boolean filesMatch;

	StartupFastPath(ChangesetManifest manifest, boolean filesMatch) {
		this.manifest = manifest;
		this.filesMatch = filesMatch;
	}

	/** A fast path that proves nothing: Liquibase checks every start ({@code users.migration.fast-path.enabled=false}). */
	public static StartupFastPath disabled() {
		return new StartupFastPath(null, false) {

			@Override
			Verdict check(DataSource dataSource, String changelog, String contexts, String labels, String table) {
				return Verdict.no("the start-up fast path is switched off");
			}

		};
	}

	public static StartupFastPath fromClassPath(ClassLoader classLoader) {
		ChangesetManifest manifest = ChangesetManifest.load(classLoader);
		return new StartupFastPath(manifest,
				manifest != null && manifest.filesHash().equals(ChangesetManifest.hashChangelogFiles(classLoader)));
	}

	/** Whether the proof holds, and if not, why: the reason is logged so an operator sees why Liquibase ran. */
	public record Verdict(boolean upToDate, String reason, int changesets) {

		public static Verdict no(String reason) {
			return new Verdict(false, reason, 0);
		}

	}

	/** Checks the proof against the database and the run that the inspector describes. */
	public Verdict check(ChangelogInspector inspector) {
		return check(inspector.dataSource(), inspector.changelog(), inspector.contextList(), inspector.labelFilter(),
				inspector.qualifiedHistoryTable());
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
			List<HistoryComparison.Known> known = new ArrayList<>();
			for (ChangesetManifest.Entry entry : this.manifest.entries()) {
				boolean selected = applies(entry, database, contexts, labels);
				if (selected && !entry.reusable()) {
					return Verdict.no("changeset " + entry.id() + " must be checked by Liquibase at every start");
				}
				String checksum = entry.checksums().get(database);
				known.add(new HistoryComparison.Known(entry.key(), selected, false, false, (recorded) -> recorded
					.equals(checksum)));
			}
			return verdict(HistoryComparison.of(known, history(connection, historyTable)));
		}
		catch (SQLException ex) {
			return Verdict.no("the history could not be read (" + ex.getMessage().lines().findFirst().orElse("") + ")");
		}
	}

	private static Verdict verdict(HistoryComparison comparison) {
		List<ChangesetKey> extra = new ArrayList<>(comparison.unknown());
		extra.addAll(comparison.notSelected());
		if (!extra.isEmpty()) {
			return Verdict.no("the history records " + extra.get(0) + ", which this build would not run here");
		}
		if (!comparison.notDone().isEmpty()) {
			return Verdict.no("the history records " + comparison.notDone().get(0) + " in a state only Liquibase "
					+ "can judge");
		}
		if (!comparison.mismatched().isEmpty()) {
			return Verdict.no("the checksum of " + comparison.mismatched().get(0) + " differs from this build's");
		}
		if (!comparison.pending().isEmpty()) {
			return Verdict.no(comparison.pending().get(0) + " is pending");
		}
		return new Verdict(true, "every changeset is applied with this build's checksum", comparison.applied().size());
	}

	private static List<HistoryComparison.Recorded> history(Connection connection, String table) throws SQLException {
		List<HistoryComparison.Recorded> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT FILENAME, ID, AUTHOR, MD5SUM, EXECTYPE FROM " + table)) {
			while (result.next()) {
				String exectype = result.getString(5);
				String checksum = result.getString(4);
				// Only rows Liquibase counts as done, with a checksum, are comparable; anything else is Liquibase's.
				boolean done = ("EXECUTED".equals(exectype) || "MARK_RAN".equals(exectype)) && checksum != null;
				rows.add(new HistoryComparison.Recorded(
						new ChangesetKey(result.getString(1), result.getString(2), result.getString(3)), checksum, done));
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

	static String shortName(String productName) {
		String name = productName.toLowerCase(Locale.ROOT);
		return name.contains("postgres") ? "postgresql" : name.contains("mariadb") ? "mariadb"
				: name.contains("mysql") ? "mysql" : name.equals("h2") ? "h2" : name;
	}

}
