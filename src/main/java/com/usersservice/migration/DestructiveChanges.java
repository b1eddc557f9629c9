package com.usersservice.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.DropAllForeignKeyConstraintsChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropForeignKeyConstraintChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.DropSequenceChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.DropUniqueConstraintChange;
import liquibase.change.core.MergeColumnChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseList;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;
import liquibase.statement.core.RawSqlStatement;

/**
 * Finds the changesets that destroy data or schema, from Liquibase's change model: dropped tables, columns, indexes,
 * constraints and sequences, merged columns, narrowed column types, and raw {@code sql}/{@code sqlFile} whose statements
 * (as Liquibase splits them for the target database) drop, truncate or retype. Such a changeset must carry the label
 * {@value #APPROVAL_LABEL}. Feed it every changeset in changelog order: it replays the column types as it goes.
 */
final class DestructiveChanges {

	static final String APPROVAL_LABEL = "approved-destructive";

	private static final Pattern DESTRUCTIVE_SQL = Pattern.compile(
			"^(drop|truncate)\\b.*|^alter\\s+table\\b.*\\b(drop|type)\\b.*", Pattern.DOTALL);

	private static final Pattern COMMENTS = Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

	private final Database database;

	private final ColumnTypes columnTypes = new ColumnTypes();

	DestructiveChanges(Database database) {
		this.database = database;
	}

	static boolean approved(ChangeSet changeSet) {
		return hasLabel(changeSet, APPROVAL_LABEL);
	}

	static boolean hasLabel(ChangeSet changeSet, String wanted) {
		return changeSet.getLabels() != null && changeSet.getLabels()
			.getLabels()
			.stream()
			.anyMatch((label) -> label.trim().equalsIgnoreCase(wanted));
	}

	/** What makes this changeset destructive on the database, empty when nothing does. */
	List<String> inspect(ChangeSet changeSet) {
		List<String> reasons = new ArrayList<>();
		if (!DatabaseList.definitionMatches(changeSet.getDbmsSet(), this.database, true)) {
			return reasons;
		}
		for (Change change : changeSet.getChanges()) {
			String reason = reason(change);
			if (reason != null) {
				reasons.add(reason);
			}
			this.columnTypes.apply(change);
		}
		return reasons;
	}

	private String reason(Change change) {
		if (change instanceof DropTableChange drop) {
			return "drops table " + drop.getTableName();
		}
		if (change instanceof DropColumnChange drop) {
			return "drops column " + String.join(", ",
					droppedColumns(drop).stream().map((column) -> drop.getTableName() + "." + column).toList());
		}
		if (change instanceof DropIndexChange drop) {
			return "drops index " + drop.getIndexName();
		}
		if (change instanceof DropPrimaryKeyChange drop) {
			return "drops the primary key of " + drop.getTableName();
		}
		if (change instanceof DropUniqueConstraintChange drop) {
			return "drops unique constraint " + drop.getConstraintName();
		}
		if (change instanceof DropForeignKeyConstraintChange drop) {
			return "drops foreign key " + drop.getConstraintName();
		}
		if (change instanceof DropAllForeignKeyConstraintsChange drop) {
			return "drops every foreign key of " + drop.getBaseTableName();
		}
		if (change instanceof DropSequenceChange drop) {
			return "drops sequence " + drop.getSequenceName();
		}
		if (change instanceof MergeColumnChange merge) {
			return "merges and drops columns " + merge.getTableName() + "." + merge.getColumn1Name() + ", "
					+ merge.getTableName() + "." + merge.getColumn2Name();
		}
		if (change instanceof ModifyDataTypeChange modify) {
			String before = this.columnTypes.typeOf(modify.getTableName(), modify.getColumnName());
			if (!TypeWidening.widens(before, modify.getNewDataType())) {
				return "changes the type of " + modify.getTableName() + "." + modify.getColumnName() + " from "
						+ ((before != null) ? before : "an undeclared type") + " to " + modify.getNewDataType()
						+ " (not a provable widening)";
			}
			return null;
		}
		if (change instanceof AbstractSQLChange sql) {
			return destructiveStatements(sql);
		}
		return null;
	}

	private String destructiveStatements(AbstractSQLChange change) {
		List<String> found = statements(change, this.database).stream()
			.filter((sql) -> DESTRUCTIVE_SQL.matcher(sql.toLowerCase(Locale.ROOT)).matches())
			.map(DestructiveChanges::abbreviate)
			.toList();
		return found.isEmpty() ? null : "runs SQL: " + String.join("; ", found);
	}

	/** The statements of a sql/sqlFile change as Liquibase splits them for the database, comments removed. */
	static List<String> statements(AbstractSQLChange change, Database database) {
		List<String> found = new ArrayList<>();
		for (SqlStatement statement : change.generateStatements(database)) {
			String sql = (statement instanceof RawSqlStatement raw) ? raw.getSql()
					: (statement instanceof RawParameterizedSqlStatement raw) ? raw.getSql() : null;
			if (sql != null) {
				found.add(COMMENTS.matcher(sql).replaceAll(" ").trim().replaceAll("\\s+", " "));
			}
		}
		return found;
	}

	static List<String> droppedColumns(DropColumnChange drop) {
		if (drop.getColumnName() != null) {
			return List.of(drop.getColumnName());
		}
		return drop.getColumns().stream().map(ColumnConfig::getName).toList();
	}

	static String abbreviate(String sql) {
		return (sql.length() > 80) ? sql.substring(0, 77) + "..." : sql;
	}

}
