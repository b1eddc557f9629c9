package com.usersservice.migration.classify;

import java.util.ArrayList;
import java.util.List;

import liquibase.Labels;
import liquibase.change.AddColumnConfig;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateTableChange;
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
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

import com.usersservice.migration.OfflineChangelogs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the classifier says about each kind of change, and how replaying the changelog (renames, drops, tables created
 * in the same run, validated NOT NULL checks) changes its judgement.
 */
class ClassificationDetailsTest {

	@Test
	void eachDestroyingChangeSaysWhatItDestroys() throws Exception {
		DropIndexChange index = new DropIndexChange();
		index.setIndexName("users_name_idx");
		DropPrimaryKeyChange primaryKey = new DropPrimaryKeyChange();
		primaryKey.setTableName("users");
		DropUniqueConstraintChange unique = new DropUniqueConstraintChange();
		unique.setConstraintName("users_email_uq");
		DropForeignKeyConstraintChange foreignKey = new DropForeignKeyConstraintChange();
		foreignKey.setConstraintName("orders_user_fk");
		DropAllForeignKeyConstraintsChange allForeignKeys = new DropAllForeignKeyConstraintsChange();
		allForeignKeys.setBaseTableName("orders");
		DropSequenceChange sequence = new DropSequenceChange();
		sequence.setSequenceName("users_seq");
		DropViewChange view = new DropViewChange();
		view.setViewName("active_users");
		DropProcedureChange procedure = new DropProcedureChange();
		procedure.setProcedureName("purge");
		DeleteDataChange everyRow = new DeleteDataChange();
		everyRow.setTableName("users");
		MergeColumnChange merge = new MergeColumnChange();
		merge.setTableName("users");
		merge.setColumn1Name("first");
		merge.setColumn2Name("last");
		DropColumnChange columns = new DropColumnChange();
		columns.setTableName("users");
		columns.setColumns(new ArrayList<>(List.of(new ColumnConfig().setName("a"), new ColumnConfig().setName("b"))));
		DropTableChange table = new DropTableChange();
		table.setTableName("users");

		assertThat(reasons(index, primaryKey, unique, foreignKey, allForeignKeys, sequence, view, procedure, everyRow,
				merge, columns, table))
			.containsExactly("drops index users_name_idx", "drops the primary key of users",
					"drops unique constraint users_email_uq", "drops foreign key orders_user_fk",
					"drops every foreign key of orders", "drops sequence users_seq", "drops view active_users",
					"drops procedure purge", "deletes rows of users (every row)",
					"merges and drops columns users.first, users.last", "drops column users.a, users.b",
					"drops table users");
	}

	@Test
	void aRenamedColumnKeepsItsDeclaredTypeAndADroppedOneForgetsIt() throws Exception {
		RenameColumnChange rename = new RenameColumnChange();
		rename.setTableName("users");
		rename.setOldColumnName("name");
		rename.setNewColumnName("full_name");
		assertThat(destructive(createUsers(), rename, modify("users", "full_name", "varchar(200)"))).isEmpty();
		assertThat(destructive(createUsers(), rename, modify("users", "name", "varchar(200)")))
			.containsExactly("changes the type of users.name from an undeclared type to varchar(200) "
					+ "(not a provable widening)");

		DropColumnChange drop = new DropColumnChange();
		drop.setTableName("users");
		drop.setColumnName("name");
		assertThat(destructive(createUsers(), drop, modify("users", "name", "varchar(200)"))).containsExactly(
				"drops column users.name", "changes the type of users.name from an undeclared type to varchar(200) "
						+ "(not a provable widening)");
		assertThat(destructive(createUsers(), drop, addName(), modify("users", "name", "varchar(200)")))
			.as("the type declared after the drop counts").containsExactly("drops column users.name");
	}

	@Test
	void aRenamedTableKeepsItsColumnsAndADroppedOneForgetsThem() throws Exception {
		RenameTableChange rename = new RenameTableChange();
		rename.setOldTableName("users");
		rename.setNewTableName("people");
		assertThat(destructive(createUsers(), rename, modify("people", "name", "varchar(200)"))).isEmpty();
		assertThat(destructive(createUsers(), rename, modify("users", "name", "varchar(200)"))).hasSize(1);

		DropTableChange drop = new DropTableChange();
		drop.setTableName("users");
		List<String> afterDrop = destructive(createUsers(), drop, modify("users", "name", "varchar(200)"));
		assertThat(afterDrop).contains("changes the type of users.name from an undeclared type to varchar(200) "
				+ "(not a provable widening)");
	}

	@Test
	void aTableCreatedEarlierInTheSameRunIsNewAndOneCreatedBeforeItExists() throws Exception {
		Database database = postgresql();
		ChangeSet create = changeSet("create", createUsers());
		ChangeSet index = changeSet("index", createIndex());
		List<ChangeSet> both = List.of(create, index);
		assertThat(blocking(ChangeClassifier.forRun(database, both::contains), both)).isEmpty();
		assertThat(blocking(ChangeClassifier.forRun(database, (changeSet) -> changeSet == index), both))
			.singleElement()
			.asString()
			.contains("createIndex users_name_idx blocks writes to users");

		RenameTableChange rename = new RenameTableChange();
		rename.setOldTableName("users");
		rename.setNewTableName("people");
		CreateIndexChange onPeople = createIndex();
		onPeople.setTableName("people");
		List<ChangeSet> renamed = List.of(changeSet("create", createUsers()), changeSet("rename", rename),
				changeSet("index", onPeople));
		assertThat(blocking(new ChangeClassifier(database, (creator, changeSet) -> true), renamed))
			.as("the renamed table is still the new one").isEmpty();
		DropTableChange drop = new DropTableChange();
		drop.setTableName("users");
		List<ChangeSet> dropped = List.of(changeSet("create", createUsers()), changeSet("drop", drop),
				changeSet("index", createIndex()));
		assertThat(blocking(new ChangeClassifier(database, (creator, changeSet) -> true), dropped))
			.as("a dropped table is no longer known to be new").hasSize(1);
	}

	@Test
	void aValidatedNotNullCheckMakesTheConstraintSafeEvenWithQuotedSchemaQualifiedNames() throws Exception {
		Database database = postgresql();
		AddNotNullConstraintChange notNull = new AddNotNullConstraintChange();
		notNull.setTableName("users");
		notNull.setColumnName("name");
		List<ChangeSet> checked = List.of(
				changeSet("check", new RawSQLChange(
						"ALTER TABLE public.\"users\" ADD CONSTRAINT \"users_name_nn\" CHECK (\"name\" IS NOT NULL) NOT VALID")),
				changeSet("validate", new RawSQLChange("ALTER TABLE users VALIDATE CONSTRAINT users_name_nn")),
				changeSet("not-null", notNull));
		assertThat(blocking(new ChangeClassifier(database, (creator, changeSet) -> false), checked)).isEmpty();
		List<ChangeSet> notValidated = List.of(checked.get(0), changeSet("not-null", notNull));
		assertThat(blocking(new ChangeClassifier(database, (creator, changeSet) -> false), notValidated)).hasSize(1);
		List<ChangeSet> validatedAtOnce = List.of(changeSet("check", new RawSQLChange(
				"ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL)")), changeSet("nn", notNull));
		assertThat(blocking(new ChangeClassifier(database, (creator, changeSet) -> false), validatedAtOnce)).isEmpty();
	}

	@Test
	void aCheckOnAnotherColumnOrTableProvesNothing() throws Exception {
		AddNotNullConstraintChange notNull = new AddNotNullConstraintChange();
		notNull.setTableName("users");
		notNull.setColumnName("name");
		List<ChangeSet> otherColumn = List.of(changeSet("check", new RawSQLChange(
				"ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL)")), changeSet("nn", notNull));
		assertThat(blocking(new ChangeClassifier(postgresql(), (creator, changeSet) -> false), otherColumn)).hasSize(1);
		List<ChangeSet> otherTable = List.of(changeSet("check", new RawSQLChange(
				"ALTER TABLE orders ADD CONSTRAINT orders_name_nn CHECK (name IS NOT NULL)")), changeSet("nn", notNull));
		assertThat(blocking(new ChangeClassifier(postgresql(), (creator, changeSet) -> false), otherTable)).hasSize(1);
	}

	@Test
	void renamingOrDroppingOneTableLeavesTheOthersColumnTypesAlone() throws Exception {
		CreateTableChange orders = new CreateTableChange();
		orders.setTableName("orders");
		orders.addColumn(new ColumnConfig().setName("code").setType("varchar(10)"));
		RenameTableChange rename = new RenameTableChange();
		rename.setOldTableName("users");
		rename.setNewTableName("people");
		assertThat(destructive(createUsers(), orders, rename, modify("orders", "code", "varchar(20)"))).isEmpty();
		DropTableChange drop = new DropTableChange();
		drop.setTableName("users");
		assertThat(destructive(createUsers(), orders, drop, modify("orders", "code", "varchar(20)")))
			.containsExactly("drops table users");
	}

	@Test
	void aChangesetForAnotherDatabaseIsNotJudgedHere() throws Exception {
		ChangeSet mariadbOnly = new ChangeSet("m", "tests", false, false, "db/fixtures/m.yaml", null, "mariadb", null);
		mariadbOnly.addChange(dropName());
		Classification classification = new ChangeClassifier(postgresql(), (creator, changeSet) -> false)
			.classify(mariadbOnly);
		assertThat(classification.changes()).isEmpty();
		assertThat(classification.needsApproval()).isFalse();
	}

	@Test
	void blockingIsJudgedOnPostgresqlOnly() throws Exception {
		ChangeSet index = changeSet("index", createIndex());
		Classification mariadb = new ChangeClassifier(OfflineChangelogs.offline("mariadb",
				new ClassLoaderResourceAccessor()), (creator, changeSet) -> false).classify(index);
		assertThat(mariadb.blocking()).isEmpty();
	}

	@Test
	void onlyTheApprovalLabelApproves() throws Exception {
		ChangeSet other = changeSet("drop", dropName());
		other.setLabels(new Labels("reviewed"));
		ChangeSet approved = changeSet("drop", dropName());
		approved.setLabels(new Labels("reviewed, Approved-Destructive"));
		ChangeClassifier classifier = new ChangeClassifier(postgresql(), (creator, changeSet) -> false);
		assertThat(classifier.classify(other).needsApproval()).isTrue();
		assertThat(classifier.classify(approved).needsApproval()).isFalse();
		ChangeSet blocking = changeSet("index", createIndex());
		blocking.setLabels(new Labels("approved-blocking"));
		assertThat(classifier.classify(blocking).blockingApproved()).isTrue();
		assertThat(classifier.classify(changeSet("index", createIndex())).blockingApproved()).isFalse();
	}

	@Test
	void onlyRawSqlAndCustomCodeAreOpaque() throws Exception {
		Classification classification = classify(new RawSQLChange("UPDATE users SET name = 'x'"), dropName());
		assertThat(classification.changes()).extracting(ChangeVerdict::opaque).containsExactly(true, false);
	}

	@Test
	void longStatementsAreAbbreviatedAtEightyCharacters() {
		String eighty = "x".repeat(80);
		assertThat(SqlStatements.abbreviate(eighty)).isEqualTo(eighty);
		assertThat(SqlStatements.abbreviate(eighty + "y")).isEqualTo("x".repeat(77) + "...");
		assertThat(SqlStatements.of(new RawSQLChange(), null)).isEmpty();
	}

	private static List<String> reasons(Change... changes) throws Exception {
		return classify(changes).destructiveReasons();
	}

	private static List<String> destructive(Change... changes) throws Exception {
		return classify(changes).destructiveReasons();
	}

	private static Classification classify(Change... changes) throws Exception {
		ChangeSet changeSet = new ChangeSet("one", "tests", false, false, "db/fixtures/one.yaml", null, null, null);
		for (Change change : changes) {
			changeSet.addChange(change);
		}
		return new ChangeClassifier(postgresql(), (creator, candidate) -> false).classify(changeSet);
	}

	private static List<String> blocking(ChangeClassifier classifier, List<ChangeSet> changeSets) {
		List<String> found = new ArrayList<>();
		changeSets.forEach((changeSet) -> classifier.classify(changeSet)
			.blocking()
			.forEach((finding) -> found.add(finding.text())));
		return found;
	}

	private static ChangeSet changeSet(String id, Change change) {
		ChangeSet changeSet = new ChangeSet(id, "tests", false, false, "db/fixtures/" + id + ".yaml", null, null,
				null);
		changeSet.addChange(change);
		return changeSet;
	}

	private static Database postgresql() throws Exception {
		return OfflineChangelogs.postgresql(new ClassLoaderResourceAccessor());
	}

	private static CreateTableChange createUsers() {
		CreateTableChange create = new CreateTableChange();
		create.setTableName("users");
		create.addColumn(new ColumnConfig().setName("id").setType("bigint"));
		create.addColumn(new ColumnConfig().setName("name").setType("varchar(100)"));
		return create;
	}

	private static AddColumnChange addName() {
		AddColumnChange add = new AddColumnChange();
		add.setTableName("users");
		AddColumnConfig column = new AddColumnConfig();
		column.setName("name");
		column.setType("varchar(100)");
		add.addColumn(column);
		return add;
	}

	private static DropColumnChange dropName() {
		DropColumnChange drop = new DropColumnChange();
		drop.setTableName("users");
		drop.setColumnName("name");
		return drop;
	}

	private static CreateIndexChange createIndex() {
		CreateIndexChange index = new CreateIndexChange();
		index.setTableName("users");
		index.setIndexName("users_name_idx");
		return index;
	}

	private static ModifyDataTypeChange modify(String table, String column, String type) {
		ModifyDataTypeChange modify = new ModifyDataTypeChange();
		modify.setTableName(table);
		modify.setColumnName(column);
		modify.setNewDataType(type);
		return modify;
	}

}
