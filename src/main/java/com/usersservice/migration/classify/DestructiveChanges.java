package com.usersservice.migration.classify;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import liquibase.change.Change;
import liquibase.change.AbstractSQLChange;
import liquibase.change.core.DeleteDataChange;
import liquibase.change.core.DropAllForeignKeyConstraintsChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropForeignKeyConstraintChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.DropProcedureChange;
import liquibase.change.core.DropSequenceChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.DropUniqueConstraintChange;
import liquibase.change.core.DropViewChange;
import liquibase.change.core.MergeColumnChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.database.Database;

/**
 * Says what destroys data or schema in a change, from Liquibase's change model: what a {@link ChangeRule#DESTROYS}
 * change drops, whether a type change provably widens (by the column types replayed so far), and which statements of
 * raw {@code sql}/{@code sqlFile} (as Liquibase splits them for the target database) drop, truncate, delete or retype.
 */
final class DestructiveChanges {

	private static final Pattern DESTRUCTIVE_SQL = Pattern.compile(
			"^(drop|truncate|delete)\\b.*|^alter\\s+table\\b.*\\b(drop|type)\\b.*", Pattern.DOTALL);

	private final Database database;

	private final ColumnTypes columnTypes;

	DestructiveChanges(Database database, ColumnTypes columnTypes) {
		this.database = database;
		this.columnTypes = columnTypes;
	}

	ChangeVerdict judge(Change change, String type, ChangeRule rule) {
		if (rule == null) {
			return new ChangeVerdict(change, type, null, Verdict.DESTRUCTIVE,
					"is a " + type + " change, which this build has no rule for");
		}
		return switch (rule) {
			case ADDITIVE -> new ChangeVerdict(change, type, rule, Verdict.SAFE, null);
			case DESTROYS -> new ChangeVerdict(change, type, rule, Verdict.DESTRUCTIVE, dropped(change, type));
			case TYPE_CHANGE -> typeChange(change, type, rule);
			case OPAQUE -> opaque(change, type, rule);
		};
	}

	private ChangeVerdict typeChange(Change change, String type, ChangeRule rule) {
		if (change instanceof ModifyDataTypeChange modify) {
			String before = this.columnTypes.typeOf(modify.getTableName(), modify.getColumnName());
			if (TypeWidening.widens(before, modify.getNewDataType())) {
				return new ChangeVerdict(change, type, rule, Verdict.SAFE, null);
			}
			return new ChangeVerdict(change, type, rule, Verdict.DESTRUCTIVE,
					"changes the type of " + modify.getTableName() + "." + modify.getColumnName() + " from "
							+ ((before != null) ? before : "an undeclared type") + " to " + modify.getNewDataType()
							+ " (not a provable widening)");
		}
		return new ChangeVerdict(change, type, rule, Verdict.DESTRUCTIVE, "changes a column type");
	}

	private ChangeVerdict opaque(Change change, String type, ChangeRule rule) {
		if (change instanceof AbstractSQLChange sql) {
			List<String> found = SqlStatements.of(sql, this.database)
				.stream()
				.filter((statement) -> DESTRUCTIVE_SQL.matcher(statement.toLowerCase(Locale.ROOT)).matches())
				.map(SqlStatements::abbreviate)
				.toList();
			if (!found.isEmpty()) {
				return new ChangeVerdict(change, type, rule, Verdict.DESTRUCTIVE,
						"runs SQL: " + String.join("; ", found));
			}
		}
		return new ChangeVerdict(change, type, rule, Verdict.REVIEW, "is " + type + ": review it by hand");
	}

	private static String dropped(Change change, String type) {
		if (change instanceof DropTableChange drop) {
			return "drops table " + drop.getTableName();
		}
		if (change instanceof DropColumnChange drop) {
			return "drops column " + String.join(", ",
					ColumnTypes.droppedColumns(drop).stream().map((column) -> drop.getTableName() + "." + column).toList());
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
		if (change instanceof DropViewChange drop) {
			return "drops view " + drop.getViewName();
		}
		if (change instanceof DropProcedureChange drop) {
			return "drops procedure " + drop.getProcedureName();
		}
		if (change instanceof DeleteDataChange delete) {
			return "deletes rows of " + delete.getTableName()
					+ ((delete.getWhere() != null) ? " where " + delete.getWhere() : " (every row)");
		}
		if (change instanceof MergeColumnChange merge) {
			return "merges and drops columns " + merge.getTableName() + "." + merge.getColumn1Name() + ", "
					+ merge.getTableName() + "." + merge.getColumn2Name();
		}
		return "is a " + type + " change";
	}

}
