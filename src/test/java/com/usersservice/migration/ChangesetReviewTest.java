package com.usersservice.migration;

import java.util.List;

import liquibase.change.Change;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DeleteDataChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropForeignKeyConstraintChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.DropUniqueConstraintChange;
import liquibase.change.core.InsertDataChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RawSQLChange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangesetReviewTest {

	@Test
	void dropsDeletesAndTypeChangesAreDestructive() {
		List<Change> destructive = List.of(new DropTableChange(), new DropColumnChange(), new DropIndexChange(),
				new DropForeignKeyConstraintChange(), new DropUniqueConstraintChange(), new DropPrimaryKeyChange(),
				new DeleteDataChange(), new ModifyDataTypeChange());
		assertThat(destructive).allMatch(ChangesetReview::isDestructive);
	}

	@Test
	void additionsAreNot() {
		List<Change> additive = List.of(new CreateTableChange(), new AddColumnChange(), new CreateIndexChange(),
				new InsertDataChange());
		assertThat(additive).noneMatch(ChangesetReview::isDestructive);
	}

	@Test
	void rawSqlIsNotGuessedAt() {
		RawSQLChange truncate = new RawSQLChange("TRUNCATE users");
		// Its danger is for a human to judge: the header lists it under "raw SQL, review by hand".
		assertThat(ChangesetReview.isDestructive(truncate)).isFalse();
	}

}
