package com.usersservice.authoring;

import java.util.List;
import java.util.Map;

import liquibase.change.core.ModifyDataTypeChange;
import liquibase.changelog.ChangeSet;
import liquibase.diff.Difference;
import liquibase.diff.DiffResult;
import liquibase.diff.ObjectDifferences;
import liquibase.structure.core.Column;
import liquibase.structure.core.DataType;

/**
 * Liquibase cannot undo a {@code modifyDataType} by itself: it does not know the old type. The diff does (the
 * migrated database's column), so each generated type change gets an explicit rollback to it.
 */
final class TypeChangeRollbacks {

	private TypeChangeRollbacks() {
	}

	/** The type as a changeset writes it: DataType's own toString adds a length unit ("100 BYTE"). */
	private static String sql(DataType type) {
		if (type.getColumnSize() == null) {
			return type.getTypeName();
		}
		Integer digits = type.getDecimalDigits();
		return type.getTypeName() + "(" + type.getColumnSize() + ((digits != null && digits > 0) ? "," + digits : "")
				+ ")";
	}

	/** MySQL/MariaDB's MODIFY restates the whole column: a NOT NULL column comes out nullable. */
	private static String notNullOnMariadb(ModifyDataTypeChange change, String oldType) {
		return "Review: on MariaDB/MySQL modifyDataType makes " + change.getTableName() + "."
				+ change.getColumnName() + " nullable. Exclude them here (dbms: \"!mariadb,!mysql\") and give them "
				+ "a changeset of their own (dbms: mariadb,mysql): addNotNullConstraint with columnDataType "
				+ change.getNewDataType() + ", rolled back by addNotNullConstraint with columnDataType " + oldType
				+ ". EntitiesMatchSchemaTests checks the result on MariaDB.";
	}

	static void addTo(List<ChangeSet> changeSets, DiffResult diff) {
		Map<Column, ObjectDifferences> changed = diff.getChangedObjects(Column.class);
		for (ChangeSet changeSet : changeSets) {
			changeSet.getChanges()
				.stream()
				.filter(ModifyDataTypeChange.class::isInstance)
				.map(ModifyDataTypeChange.class::cast)
				.forEach((change) -> changed.forEach((column, differences) -> {
					Difference type = differences.getDifference("type");
					if (type != null && column.getName().equalsIgnoreCase(change.getColumnName())
							&& column.getRelation().getName().equalsIgnoreCase(change.getTableName())) {
						ModifyDataTypeChange back = new ModifyDataTypeChange();
						back.setTableName(change.getTableName());
						back.setColumnName(change.getColumnName());
						back.setNewDataType(sql((DataType) type.getComparedValue()));
						changeSet.addRollbackChange(back);
						if (Boolean.FALSE.equals(column.isNullable())) {
							changeSet.setComments(notNullOnMariadb(change, back.getNewDataType()));
						}
					}
				}));
		}
	}

}
