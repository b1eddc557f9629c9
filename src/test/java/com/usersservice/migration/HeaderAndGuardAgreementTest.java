package com.usersservice.migration;

import java.util.ArrayList;
import java.util.List;

import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.ChangeFactory;
import liquibase.change.ColumnConfig;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DeleteDataChange;
import liquibase.change.core.DropProcedureChange;
import liquibase.change.core.DropViewChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

import com.usersservice.migration.guard.DestructiveChangeGuard;
import com.usersservice.migration.script.ChangesetReview;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the DBA's script header lists as destructive is exactly what the prod guard refuses without approval: for a
 * default change of every type Liquibase registers, and for the changes they used to judge differently (delete,
 * dropView, dropProcedure, a widening modifyDataType).
 */
class HeaderAndGuardAgreementTest {

	private static final String FILE = "db/changelog/changes/20991231-0001-agreement.yaml";

	@Test
	void headerAndGuardAgreeOnEveryRegisteredChangeType() throws Exception {
		ChangeFactory factory = Scope.getCurrentScope().getSingleton(ChangeFactory.class);
		for (String type : factory.getDefinedChanges()) {
			assertAgree(type, factory.create(type));
		}
	}

	@Test
	void theChangesTheyUsedToJudgeDifferently() throws Exception {
		DeleteDataChange delete = new DeleteDataChange();
		delete.setTableName("users");
		assertThat(assertAgree("delete", delete)).isTrue();
		DropViewChange view = new DropViewChange();
		view.setViewName("active_users");
		assertThat(assertAgree("dropView", view)).isTrue();
		DropProcedureChange procedure = new DropProcedureChange();
		procedure.setProcedureName("purge");
		assertThat(assertAgree("dropProcedure", procedure)).isTrue();
		assertThat(assertAgree("sql DELETE", new RawSQLChange("DELETE FROM users"))).isTrue();
		assertThat(assertAgree("widening modifyDataType", modifyName("varchar(200)"))).isFalse();
		assertThat(assertAgree("narrowing modifyDataType", modifyName("varchar(50)"))).isTrue();
	}

	/** Whether header and guard both call it destructive; fails when only one of them does. */
	private static boolean assertAgree(String what, Change change) throws Exception {
		Database database = OfflineChangelogs.postgresql(new ClassLoaderResourceAccessor());
		ChangeSet create = changeSet("create", createUsers());
		ChangeSet candidate = changeSet("candidate", change);
		List<ChangeSet> changelog = List.of(create, candidate);
		List<ChangeSet> pending = List.of(candidate);

		boolean header = !ChangesetReview.of(pending, changelog, database).destructive().isEmpty();
		DestructiveChangeGuard.Decision decision = new DestructiveChangeGuard((id) -> false).decide(changelog, pending,
				database);
		boolean guard = !decision.refused().isEmpty();
		assertThat(header).as("%s: destructive in the script header (%s) and refused by the guard (%s)", what,
				header, decision.refused())
			.isEqualTo(guard);
		return guard;
	}

	private static ChangeSet changeSet(String id, Change change) {
		ChangeSet changeSet = new ChangeSet(id, "tests", false, false, FILE, null, null, null);
		changeSet.addChange(change);
		return changeSet;
	}

	private static CreateTableChange createUsers() {
		CreateTableChange create = new CreateTableChange();
		create.setTableName("users");
		List<ColumnConfig> columns = new ArrayList<>();
		columns.add(new ColumnConfig().setName("id").setType("bigint"));
		columns.add(new ColumnConfig().setName("name").setType("varchar(100)"));
		columns.forEach(create::addColumn);
		return create;
	}

	private static ModifyDataTypeChange modifyName(String type) {
		ModifyDataTypeChange modify = new ModifyDataTypeChange();
		modify.setTableName("users");
		modify.setColumnName("name");
		modify.setNewDataType(type);
		return modify;
	}

}
