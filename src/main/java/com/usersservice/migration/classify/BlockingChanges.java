package com.usersservice.migration.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RenameTableChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;

/**
 * Finds the changes that, on PostgreSQL, hold a lock blocking writes for as long as a table takes to scan, rewrite or
 * index: nothing on a new table, an outage on one with millions of rows. Read from Liquibase's change model; raw
 * {@code sql} is read as text only for what the model cannot express (CONCURRENTLY, NOT VALID checks). Also finds the
 * CONCURRENTLY statements left inside a transaction, which PostgreSQL refuses. A table is new for a changeset when the
 * same changeset or an earlier one of the same run created it. Feed it every changeset in changelog order.
 */
final class BlockingChanges {

	private static final Pattern CONCURRENTLY = Pattern
		.compile("^(create (unique )?index|drop index|reindex)\\b.*\\bconcurrently\\b.*", Pattern.DOTALL);

	/** Defaults PostgreSQL evaluates once for the whole table (not volatile), so adding the column rewrites nothing. */
	private static final Pattern NON_VOLATILE_DEFAULT = Pattern.compile("^(current_timestamp|current_date|current_time"
			+ "|localtimestamp|localtime|now|transaction_timestamp|statement_timestamp|current_user|session_user"
			+ "|current_schema)\\s*(\\(\\s*\\d*\\s*\\))?$|^('[^']*'|-?\\d+(\\.\\d+)?|true|false|null)"
			+ "(\\s*::\\s*[a-z ]+(\\([\\d, ]+\\))?)?$");

	private final Database database;

	private final BiPredicate<ChangeSet, ChangeSet> sameRun;

	private final Map<String, ChangeSet> createdBy = new HashMap<>();

	private final ColumnTypes columnTypes;

	private final NotNullChecks notNullChecks = new NotNullChecks();

	/** {@code sameRun(creator, changeSet)}: whether a table the creator made is still new (empty) for the changeset. */
	BlockingChanges(Database database, BiPredicate<ChangeSet, ChangeSet> sameRun, ColumnTypes columnTypes) {
		this.database = database;
		this.sameRun = sameRun;
		this.columnTypes = columnTypes;
	}

	/** Whether anything blocks on this database: PostgreSQL's locks are what this class knows. */
	boolean coversDatabase() {
		return this.database instanceof PostgresDatabase;
	}

	/** What in the change blocks; call before {@link #replay}, in changelog order. */
	List<BlockingFinding> check(Change change, ChangeSet changeSet) {
		if (change instanceof AbstractSQLChange sql) {
			return sql(sql, changeSet);
		}
		if (change instanceof CreateIndexChange index && exists(index.getTableName(), changeSet)) {
			return List.of(new BlockingFinding("createIndex " + index.getIndexName() + " blocks writes to "
					+ index.getTableName() + " until the index is built",
					"CREATE INDEX CONCURRENTLY in a sql change, in a changeset of its own with runInTransaction: false",
					false));
		}
		if (change instanceof AddNotNullConstraintChange notNull && exists(notNull.getTableName(), changeSet)
				&& !this.notNullChecks.proves(notNull.getTableName(), notNull.getColumnName())) {
			String column = notNull.getTableName() + "." + notNull.getColumnName();
			return List.of(new BlockingFinding("addNotNullConstraint on " + column
					+ " reads every row under an ACCESS EXCLUSIVE lock (no reads, no writes)",
					"CHECK (" + notNull.getColumnName() + " IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a changeset "
							+ "of its own, then addNotNullConstraint (no scan) and drop the check",
					false));
		}
		if (change instanceof AddColumnChange add && exists(add.getTableName(), changeSet)) {
			return add.getColumns()
				.stream()
				.filter((column) -> rewritingDefault(column) != null)
				.map((column) -> new BlockingFinding("addColumn " + add.getTableName() + "." + column.getName() + " with "
						+ rewritingDefault(column) + " rewrites every row under an ACCESS EXCLUSIVE lock",
						"add it with a constant default or none (no rewrite), then fill it in batches", false))
				.toList();
		}
		if (change instanceof ModifyDataTypeChange modify && exists(modify.getTableName(), changeSet)
				&& !TypeWidening.keepsStorage(this.columnTypes.typeOf(modify.getTableName(), modify.getColumnName()),
						modify.getNewDataType())) {
			return List.of(new BlockingFinding("modifyDataType " + modify.getTableName() + "." + modify.getColumnName()
					+ " to " + modify.getNewDataType() + " rewrites the table and its indexes under an ACCESS "
					+ "EXCLUSIVE lock", "a new column filled in batches, then a switch-over", false));
		}
		if (change instanceof AddForeignKeyConstraintChange foreignKey
				&& exists(foreignKey.getBaseTableName(), changeSet) && !Boolean.FALSE.equals(foreignKey.getValidate())) {
			return List.of(new BlockingFinding("addForeignKeyConstraint " + foreignKey.getConstraintName() + " checks every row "
					+ "of " + foreignKey.getBaseTableName() + " while writes to " + foreignKey.getBaseTableName()
					+ " and " + foreignKey.getReferencedTableName() + " wait",
					"addForeignKeyConstraint with validate: false (NOT VALID), then ALTER TABLE ... VALIDATE "
							+ "CONSTRAINT in a sql changeset of its own",
					false));
		}
		return List.of();
	}

	private List<BlockingFinding> sql(AbstractSQLChange change, ChangeSet changeSet) {
		List<BlockingFinding> findings = new ArrayList<>();
		for (String statement : SqlStatements.of(change, this.database)) {
			String sql = statement.toLowerCase(Locale.ROOT);
			if (changeSet.isRunInTransaction() && CONCURRENTLY.matcher(sql).matches()) {
				findings.add(new BlockingFinding("runs " + SqlStatements.abbreviate(statement) + " inside a transaction, "
						+ "which PostgreSQL refuses", "runInTransaction: false on a changeset of its own", true));
			}
			this.notNullChecks.replay(statement);
		}
		return findings;
	}

	private static String rewritingDefault(ColumnConfig column) {
		if (Boolean.TRUE.equals(column.isAutoIncrement())) {
			return "autoIncrement (a sequence default per row)";
		}
		if (column.getDefaultValueSequenceNext() != null) {
			return "defaultValueSequenceNext " + column.getDefaultValueSequenceNext().getValue();
		}
		if (column.getDefaultValueComputed() != null && !NON_VOLATILE_DEFAULT
			.matcher(column.getDefaultValueComputed().getValue().trim().toLowerCase(Locale.ROOT))
			.matches()) {
			return "defaultValueComputed " + column.getDefaultValueComputed().getValue()
					+ " (not a known constant or stable expression)";
		}
		return null;
	}

	private boolean exists(String table, ChangeSet changeSet) {
		ChangeSet creator = this.createdBy.get(NotNullChecks.table(table));
		return creator == null || (creator != changeSet && !this.sameRun.test(creator, changeSet));
	}

	/** Records the tables the change creates, renames or drops (column types are the caller's to replay). */
	void replay(Change change, ChangeSet changeSet) {
		if (change instanceof CreateTableChange create) {
			this.createdBy.put(NotNullChecks.table(create.getTableName()), changeSet);
		}
		else if (change instanceof RenameTableChange rename) {
			ChangeSet creator = this.createdBy.remove(NotNullChecks.table(rename.getOldTableName()));
			if (creator != null) {
				this.createdBy.put(NotNullChecks.table(rename.getNewTableName()), creator);
			}
		}
		else if (change instanceof DropTableChange drop) {
			this.createdBy.remove(NotNullChecks.table(drop.getTableName()));
		}
	}

}
