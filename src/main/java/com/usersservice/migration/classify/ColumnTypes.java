package com.usersservice.migration.classify;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;

/**
 * The column types the changelog has declared so far, replayed change by change in changelog order. It is what lets
 * the guard tell a widening {@code modifyDataType} (varchar(100) to varchar(200)) from a narrowing one without asking
 * the database.
 */
final class ColumnTypes {

	private final Map<String, String> types = new HashMap<>();

	/** The type the column had before this change, or null when the changelog never declared it. */
	String typeOf(String table, String column) {
		return this.types.get(key(table, column));
	}

	void apply(Change change) {
		if (change instanceof CreateTableChange create) {
			declare(create.getTableName(), create.getColumns());
		}
		else if (change instanceof AddColumnChange add) {
			declare(add.getTableName(), add.getColumns());
		}
		else if (change instanceof ModifyDataTypeChange modify) {
			this.types.put(key(modify.getTableName(), modify.getColumnName()), modify.getNewDataType());
		}
		else if (change instanceof RenameColumnChange rename) {
			String type = this.types.remove(key(rename.getTableName(), rename.getOldColumnName()));
			if (type != null) {
				this.types.put(key(rename.getTableName(), rename.getNewColumnName()), type);
			}
		}
		else if (change instanceof RenameTableChange rename) {
			String prefix = String.valueOf(rename.getOldTableName()).toLowerCase(Locale.ROOT) + ".";
			Map<String, String> moved = new HashMap<>();
			this.types.entrySet().removeIf((entry) -> {
				if (entry.getKey().startsWith(prefix)) {
					moved.put(key(rename.getNewTableName(), entry.getKey().substring(prefix.length())), entry.getValue());
					return true;
				}
				return false;
			});
			this.types.putAll(moved);
		}
		else if (change instanceof DropTableChange drop) {
			String prefix = String.valueOf(drop.getTableName()).toLowerCase(Locale.ROOT) + ".";
			this.types.keySet().removeIf((name) -> name.startsWith(prefix));
		}
		else if (change instanceof DropColumnChange drop) {
			for (String column : droppedColumns(drop)) {
				this.types.remove(key(drop.getTableName(), column));
			}
		}
	}

	private void declare(String table, List<? extends ColumnConfig> columns) {
		for (ColumnConfig column : columns) {
			if (column.getType() != null) {
				this.types.put(key(table, column.getName()), column.getType());
			}
		}
	}

	/** The columns a dropColumn names, in either of its two forms. */
	static List<String> droppedColumns(DropColumnChange drop) {
		if (drop.getColumnName() != null) {
			return List.of(drop.getColumnName());
		}
		return (drop.getColumns() != null) ? drop.getColumns().stream().map(ColumnConfig::getName).toList()
				: List.of();
	}

	private static String key(String table, String column) {
		return (table + "." + column).toLowerCase(Locale.ROOT);
	}

}
