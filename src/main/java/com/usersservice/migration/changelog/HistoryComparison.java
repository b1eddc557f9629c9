package com.usersservice.migration.changelog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one place that compares a build's changesets with a database's history and decides, for each, whether it is
 * applied, pending, unknown to the build or edited after it ran. {@link MigrationStatus} (reports, validate mode,
 * metrics, the DBA script header) and the start-up fast path (from its build-time manifest) feed it their own view of
 * the same two lists, so they cannot disagree on what is pending.
 */
public final class HistoryComparison {

	/**
	 * A changeset of the build. {@code selected}: this run would apply it (contexts, labels, dbms); {@code everyRun}: it
	 * runs at every update (runAlways); {@code onChange}: it runs again when edited (runOnChange), so an edit is no
	 * mismatch; {@code checksum} accepts the checksums that count as this changeset's text.
	 */
	public record Known(ChangesetKey key, boolean selected, boolean everyRun, boolean onChange,
			Predicate<String> checksum) {

	}

	/** A row of the history; {@code done} when Liquibase counts it as applied with a comparable checksum. */
	public record Recorded(ChangesetKey key, String checksum, boolean done) {

	}

	private final List<ChangesetKey> applied = new ArrayList<>();

	private final List<ChangesetKey> pending = new ArrayList<>();

	private final List<ChangesetKey> rerun = new ArrayList<>();

	private final List<ChangesetKey> unknown = new ArrayList<>();

	private final List<ChangesetKey> mismatched = new ArrayList<>();

	private final List<ChangesetKey> notSelected = new ArrayList<>();

	private final List<ChangesetKey> notDone = new ArrayList<>();

	private HistoryComparison() {
	}

	public static HistoryComparison of(List<Known> known, List<Recorded> recorded) {
		HistoryComparison comparison = new HistoryComparison();
		Map<ChangesetKey, Recorded> rows = new LinkedHashMap<>();
		recorded.forEach((row) -> rows.putIfAbsent(row.key(), row));
		Map<ChangesetKey, Known> build = new LinkedHashMap<>();
		known.forEach((changeSet) -> build.putIfAbsent(changeSet.key(), changeSet));
		for (Known changeSet : build.values()) {
			Recorded row = rows.get(changeSet.key());
			if (row == null) {
				if (changeSet.selected()) {
					comparison.pending.add(changeSet.key());
				}
				continue;
			}
			comparison.applied.add(changeSet.key());
			boolean edited = row.checksum() != null && !changeSet.checksum().test(row.checksum());
			if (edited && !changeSet.onChange()) {
				comparison.mismatched.add(changeSet.key());
			}
			if (changeSet.selected() && (changeSet.everyRun() || (edited && changeSet.onChange()))) {
				comparison.rerun.add(changeSet.key());
			}
			if (!changeSet.selected()) {
				comparison.notSelected.add(changeSet.key());
			}
		}
		for (Recorded row : rows.values()) {
			if (!build.containsKey(row.key())) {
				comparison.unknown.add(row.key());
			}
			if (!row.done()) {
				comparison.notDone.add(row.key());
			}
		}
		return comparison;
	}

	/** Recorded and known to the build. */
	public List<ChangesetKey> applied() {
		return List.copyOf(this.applied);
	}

	/** Selected for this run and not recorded: what an update applies, in changelog order. */
	public List<ChangesetKey> pending() {
		return List.copyOf(this.pending);
	}

	/** Recorded, yet an update runs them again (runAlways, or runOnChange after an edit). */
	public List<ChangesetKey> rerun() {
		return List.copyOf(this.rerun);
	}

	/** Recorded, but not in this build's changelog: the database is ahead of the code. */
	public List<ChangesetKey> unknown() {
		return List.copyOf(this.unknown);
	}

	/** Recorded with a checksum this build's text does not have: edited after it ran. */
	public List<ChangesetKey> mismatched() {
		return List.copyOf(this.mismatched);
	}

	/** Recorded, known, but not selected by this run's contexts, labels or dbms. */
	public List<ChangesetKey> notSelected() {
		return List.copyOf(this.notSelected);
	}

	/** Rows Liquibase does not count as done (or that carry no checksum): only Liquibase can judge them. */
	public List<ChangesetKey> notDone() {
		return List.copyOf(this.notDone);
	}

}
