package com.usersservice.authoring;

import java.util.List;

import liquibase.change.Change;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.DropDefaultValueChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.changelog.ChangeSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpuriousChangesTests {

	@Test
	void whatEntitiesCannotExpressIsNoChange() {
		AddColumnChange phone = new AddColumnChange();
		phone.setTableName("users");
		AddColumnChange bookkeeping = new AddColumnChange();
		bookkeeping.setTableName("DATABASECHANGELOG");
		DropDefaultValueChange createdAtDefault = new DropDefaultValueChange();
		createdAtDefault.setTableName("users");
		DropIndexChange lowerEmail = new DropIndexChange();
		lowerEmail.setTableName("users");
		lowerEmail.setIndexName("users_email_lower_uq");
		DropPrimaryKeyChange dropKey = new DropPrimaryKeyChange();
		dropKey.setTableName("users");
		AddPrimaryKeyChange addKey = new AddPrimaryKeyChange();
		addKey.setTableName("users");
		AddPrimaryKeyChange newKey = new AddPrimaryKeyChange();
		newKey.setTableName("orders");

		List<ChangeSet> kept = SpuriousChanges.removeFrom(List.of(changeSet("1", phone, bookkeeping),
				changeSet("2", createdAtDefault, lowerEmail), changeSet("3", dropKey), changeSet("4", addKey, newKey)));

		assertThat(kept).extracting(ChangeSet::getId).containsExactly("1", "4");
		assertThat(kept.get(0).getChanges()).containsExactly(phone);
		assertThat(kept.get(1).getChanges()).containsExactly(newKey);
	}

	private static ChangeSet changeSet(String id, Change... changes) {
		ChangeSet changeSet = new ChangeSet(id, "generated", false, false, null, null, null, null);
		List.of(changes).forEach(changeSet::addChange);
		return changeSet;
	}

}
