package com.usersservice.migration.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.MergeColumnChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;

import com.usersservice.migration.classify.ChangeClassifier;
import com.usersservice.migration.classify.ChangeLabels;
import com.usersservice.migration.classify.ChangeRule;
import com.usersservice.migration.classify.ChangeVerdict;
import com.usersservice.migration.classify.Classification;
import com.usersservice.migration.classify.Verdict;
import com.usersservice.migration.compat.ReleaseModel.MappedColumn;

/**
 * Expand and contract: which changesets the previous release cannot run against, judged against what that release
 * maps ({@link ReleaseModel}). Such a changeset drops or renames a table or column the release maps, makes a column
 * NOT NULL without a default where the release inserts rows without writing it, or narrows a column the release writes
 * (not a widening, as {@link ChangeClassifier} judges type changes). Unless it carries the label
 * {@value ChangeLabels#CONTRACT} it is refused, by the build lint and at start-up alike: this class is the one judge.
 * <p>
 * Raw {@code sql}/{@code sqlFile} cannot be seen into and is not judged here; the destructive-change guard still
 * refuses SQL that drops or retypes, and an author whose SQL breaks the previous release labels it contract.
 */
public final class CompatibilityRule {

	private final ReleaseModel previous;

	public CompatibilityRule(ReleaseModel previous) {
		this.previous = previous;
	}

	public ReleaseModel previous() {
		return this.previous;
	}

	/**
	 * The incompatible changesets among those {@code judged}, in changelog order, that lack the label contract. Feed
	 * it the whole changelog in order: it replays the column types and defaults declared before each change.
	 */
	public List<Incompatibility> judge(List<ChangeSet> changelog, Predicate<ChangeSet> judged, Database database) {
		ChangeClassifier classifier = new ChangeClassifier(database, (creator, changeSet) -> false);
		ColumnDefaults defaults = new ColumnDefaults();
		List<Incompatibility> found = new ArrayList<>();
		for (ChangeSet changeSet : changelog) {
			Classification classification = classifier.classify(changeSet);
			boolean judging = judged.test(changeSet) && !ChangeLabels.has(changeSet, ChangeLabels.CONTRACT);
			List<String> reasons = new ArrayList<>();
			for (ChangeVerdict verdict : classification.changes()) {
				if (judging) {
					reasons.addAll(reasons(verdict, defaults));
				}
				defaults.apply(verdict.change());
			}
			if (!reasons.isEmpty()) {
				found.add(new Incompatibility(changeSet, reasons));
			}
		}
		return found;
	}

	private List<String> reasons(ChangeVerdict verdict, ColumnDefaults defaults) {
		Change change = verdict.change();
		String release = ", which release " + this.previous.version();
		List<String> reasons = new ArrayList<>();
		if (change instanceof DropTableChange drop && this.previous.mapsTable(drop.getTableName())) {
			reasons.add("drops table " + drop.getTableName() + release + " maps");
		}
		else if (change instanceof RenameTableChange rename && this.previous.mapsTable(rename.getOldTableName())) {
			reasons.add("renames table " + rename.getOldTableName() + " to " + rename.getNewTableName() + release
					+ " maps");
		}
		else if (change instanceof DropColumnChange drop) {
			List<String> columns = new ArrayList<>();
			if (drop.getColumnName() != null) {
				columns.add(drop.getColumnName());
			}
			if (drop.getColumns() != null) {
				drop.getColumns().forEach((column) -> columns.add(column.getName()));
			}
			columns.stream()
				.filter((column) -> mapped(drop.getTableName(), column).isPresent())
				.forEach((column) -> reasons.add("drops " + drop.getTableName() + "." + column + release + " maps"));
		}
		else if (change instanceof RenameColumnChange rename
				&& mapped(rename.getTableName(), rename.getOldColumnName()).isPresent()) {
			reasons.add("renames " + rename.getTableName() + "." + rename.getOldColumnName() + " to "
					+ rename.getNewColumnName() + release + " maps");
		}
		else if (change instanceof MergeColumnChange merge) {
			for (String column : List.of(merge.getColumn1Name(), merge.getColumn2Name())) {
				if (mapped(merge.getTableName(), column).isPresent()) {
					reasons.add("merges away " + merge.getTableName() + "." + column + release + " maps");
				}
			}
		}
		else if (change instanceof AddNotNullConstraintChange notNull && insertsWithout(notNull.getTableName(),
				notNull.getColumnName()) && !defaults.has(notNull.getTableName(), notNull.getColumnName())) {
			reasons.add("makes " + notNull.getTableName() + "." + notNull.getColumnName()
					+ " NOT NULL without a default" + release + " does not write");
		}
		else if (change instanceof AddColumnChange add && this.previous.mapsTable(add.getTableName())) {
			for (ColumnConfig column : add.getColumns()) {
				if (column.getConstraints() != null && Boolean.FALSE.equals(column.getConstraints().isNullable())
						&& !ColumnDefaults.declares(column)) {
					reasons.add("adds " + add.getTableName() + "." + column.getName() + " NOT NULL without a default"
							+ release + " does not write");
				}
			}
		}
		else if (change instanceof ModifyDataTypeChange modify && verdict.rule() == ChangeRule.TYPE_CHANGE
				&& verdict.verdict() == Verdict.DESTRUCTIVE
				&& mapped(modify.getTableName(), modify.getColumnName()).filter(MappedColumn::written).isPresent()) {
			reasons.add(verdict.reason() + release + " writes");
		}
		return reasons;
	}

	private Optional<MappedColumn> mapped(String table, String column) {
		return this.previous.column(table, column);
	}

	/** Whether the previous release inserts rows into the table without a value for the column. */
	private boolean insertsWithout(String table, String column) {
		return this.previous.mapsTable(table) && mapped(table, column).map((mapped) -> !mapped.insertable()).orElse(true);
	}

}
