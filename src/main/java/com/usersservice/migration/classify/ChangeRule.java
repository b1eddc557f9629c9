package com.usersservice.migration.classify;

import java.util.Map;

/**
 * How each change type Liquibase knows is judged, by its changelog name. Every type Liquibase registers has exactly one
 * rule (a test walks the change factory); a type missing here (an extension's) counts as destructive until it is
 * given one, so the guard errs on the side of asking.
 */
public enum ChangeRule {

	/** Always {@link Verdict#SAFE}. */
	ADDITIVE,

	/** Always {@link Verdict#DESTRUCTIVE}. */
	DESTROYS,

	/** {@link Verdict#DESTRUCTIVE} unless the changelog's own history proves the new type widens the old one. */
	TYPE_CHANGE,

	/**
	 * {@link Verdict#REVIEW}, or {@link Verdict#DESTRUCTIVE} when a statement Liquibase splits out of it drops,
	 * truncates, deletes or retypes.
	 */
	OPAQUE;

	static final Map<String, ChangeRule> BY_TYPE = Map.ofEntries(Map.entry("addAutoIncrement", ADDITIVE),
			Map.entry("addColumn", ADDITIVE), Map.entry("addDefaultValue", ADDITIVE),
			Map.entry("addForeignKeyConstraint", ADDITIVE), Map.entry("addLookupTable", ADDITIVE),
			Map.entry("addNotNullConstraint", ADDITIVE), Map.entry("addPrimaryKey", ADDITIVE),
			Map.entry("addUniqueConstraint", ADDITIVE), Map.entry("alterSequence", ADDITIVE),
			Map.entry("createIndex", ADDITIVE), Map.entry("createProcedure", ADDITIVE),
			Map.entry("createSequence", ADDITIVE), Map.entry("createTable", ADDITIVE), Map.entry("createView", ADDITIVE),
			Map.entry("dropDefaultValue", ADDITIVE), Map.entry("dropNotNullConstraint", ADDITIVE),
			Map.entry("empty", ADDITIVE), Map.entry("insert", ADDITIVE), Map.entry("loadData", ADDITIVE),
			Map.entry("loadUpdateData", ADDITIVE), Map.entry("output", ADDITIVE), Map.entry("renameColumn", ADDITIVE),
			Map.entry("renameSequence", ADDITIVE), Map.entry("renameTable", ADDITIVE), Map.entry("renameView", ADDITIVE),
			Map.entry("setColumnRemarks", ADDITIVE), Map.entry("setTableRemarks", ADDITIVE),
			Map.entry("stop", ADDITIVE), Map.entry("tagDatabase", ADDITIVE), Map.entry("update", ADDITIVE),
			Map.entry("delete", DESTROYS), Map.entry("dropAllForeignKeyConstraints", DESTROYS),
			Map.entry("dropColumn", DESTROYS), Map.entry("dropForeignKeyConstraint", DESTROYS),
			Map.entry("dropIndex", DESTROYS), Map.entry("dropPrimaryKey", DESTROYS),
			Map.entry("dropProcedure", DESTROYS), Map.entry("dropSequence", DESTROYS), Map.entry("dropTable", DESTROYS),
			Map.entry("dropUniqueConstraint", DESTROYS), Map.entry("dropView", DESTROYS),
			Map.entry("mergeColumns", DESTROYS), Map.entry("modifyDataType", TYPE_CHANGE), Map.entry("sql", OPAQUE),
			Map.entry("sqlFile", OPAQUE), Map.entry("customChange", OPAQUE), Map.entry("executeCommand", OPAQUE));

	/** The rule for a change type by its changelog name; null for a type this build has no rule for. */
	static ChangeRule of(String changeType) {
		return BY_TYPE.get(changeType);
	}

}
