package com.usersservice.migration.compat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddDefaultValueChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropDefaultValueChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;

/**
 * The columns the changelog has given a default so far (createTable and addColumn default values, auto-increment,
 * addDefaultValue, less dropDefaultValue), replayed change by change in changelog order: a NOT NULL column with a
 * default is one an older release can keep inserting rows without.
 */
final class ColumnDefaults {

	private final Set<String> defaulted = new HashSet<>();

	boolean has(String table, String column) {
		return this.defaulted.contains(key(table, column));
	}

	static boolean declares(ColumnConfig column) {
		return column.hasDefaultValue() || Boolean.TRUE.equals(column.isAutoIncrement())
				|| column.getDefaultValueSequenceNext() != null;
	}

	void apply(Change change) {
		if (change instanceof CreateTableChange create) {
			declare(create.getTableName(), create.getColumns());
		}
		else if (change instanceof AddColumnChange add) {
			declare(add.getTableName(), add.getColumns());
		}
		else if (change instanceof AddDefaultValueChange add) {
			this.defaulted.add(key(add.getTableName(), add.getColumnName()));
		}
		else if (change instanceof DropDefaultValueChange drop) {
			this.defaulted.remove(key(drop.getTableName(), drop.getColumnName()));
		}
		else if (change instanceof RenameColumnChange rename) {
			if (this.defaulted.remove(key(rename.getTableName(), rename.getOldColumnName()))) {
				this.defaulted.add(key(rename.getTableName(), rename.getNewColumnName()));
			}
		}
		else if (change instanceof RenameTableChange rename) {
			String prefix = prefix(rename.getOldTableName());
			Set<String> moved = new HashSet<>();
			this.defaulted.removeIf((name) -> name.startsWith(prefix)
					&& moved.add(prefix(rename.getNewTableName()) + name.substring(prefix.length())));
			this.defaulted.addAll(moved);
		}
		else if (change instanceof DropTableChange drop) {
			String prefix = prefix(drop.getTableName());
			this.defaulted.removeIf((name) -> name.startsWith(prefix));
		}
		else if (change instanceof DropColumnChange drop) {
			this.defaulted.remove(key(drop.getTableName(), drop.getColumnName()));
			if (drop.getColumns() != null) {
				drop.getColumns().forEach((column) -> this.defaulted.remove(key(drop.getTableName(), column.getName())));
			}
		}
	}

	private void declare(String table, List<? extends ColumnConfig> columns) {
		for (ColumnConfig column : columns) {
			if (declares(column)) {
				this.defaulted.add(key(table, column.getName()));
			}
		}
	}

	private static String prefix(String table) {
		return String.valueOf(table).toLowerCase(Locale.ROOT) + ".";
	}

	private static String key(String table, String column) {
		return prefix(table) + String.valueOf(column).toLowerCase(Locale.ROOT);
	}

}
