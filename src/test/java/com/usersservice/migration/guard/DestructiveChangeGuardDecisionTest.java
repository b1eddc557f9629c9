package com.usersservice.migration.guard;

import java.util.List;

import liquibase.Labels;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

import com.usersservice.migration.OfflineChangelogs;

import static org.assertj.core.api.Assertions.assertThat;

/** What the prod guard decides for the pending changesets, before anything reaches the database. */
class DestructiveChangeGuardDecisionTest {

	@Test
	void refusesUnapprovedDestructiveChangesetsUnlessTheOverrideNamesThem() throws Exception {
		ChangeSet create = changeSet("create", createUsers());
		ChangeSet drop = changeSet("drop", dropName());
		ChangeSet approved = changeSet("approved", dropName());
		approved.setLabels(new Labels("approved-destructive"));
		List<ChangeSet> changelog = List.of(create, drop, approved);

		DestructiveChangeGuard.Decision refuse = new DestructiveChangeGuard((id) -> false).decide(changelog,
				List.of(drop, approved), database());
		assertThat(refuse.refused()).containsExactly("drop (db/fixtures/drop.yaml) drops column users.name");
		assertThat(refuse.allowed()).isEmpty();

		DestructiveChangeGuard.Decision allow = new DestructiveChangeGuard("drop"::equals).decide(changelog,
				List.of(drop), database());
		assertThat(allow.refused()).isEmpty();
		assertThat(allow.allowed()).containsExactly("drop (db/fixtures/drop.yaml) drops column users.name");

		DestructiveChangeGuard.Decision applied = new DestructiveChangeGuard((id) -> false).decide(changelog, List.of(),
				database());
		assertThat(applied.refused()).as("an applied destructive changeset is history").isEmpty();
	}

	@Test
	void warnsOnBlockingChangesetsAndRefusesOnesThatCannotRun() throws Exception {
		ChangeSet create = changeSet("create", createUsers());
		CreateIndexChange index = new CreateIndexChange();
		index.setTableName("users");
		index.setIndexName("users_name_idx");
		ChangeSet plain = changeSet("index", index);
		ChangeSet labelled = changeSet("labelled", index);
		labelled.setLabels(new Labels("approved-blocking"));
		ChangeSet concurrently = changeSet("concurrently",
				new RawSQLChange("CREATE INDEX CONCURRENTLY users_email_idx ON users (email)"));
		List<ChangeSet> changelog = List.of(create, plain, labelled, concurrently);

		DestructiveChangeGuard.Decision decision = new DestructiveChangeGuard((id) -> false).decide(changelog,
				List.of(plain, labelled, concurrently), database());
		assertThat(decision.blocking()).hasSize(2);
		assertThat(decision.blocking().get(0)).startsWith("index (db/fixtures/index.yaml) blocks writes while it runs: "
				+ "createIndex users_name_idx blocks writes to users");
		assertThat(decision.blocking().get(1)).startsWith("labelled (db/fixtures/labelled.yaml) blocks writes while it "
				+ "runs (labelled approved-blocking): createIndex");
		assertThat(decision.failing()).singleElement()
			.asString()
			.startsWith("concurrently (db/fixtures/concurrently.yaml) runs CREATE INDEX CONCURRENTLY");
	}

	@Test
	void aTableThePendingChangesetsCreateIsNewForThem() throws Exception {
		ChangeSet create = changeSet("create", createUsers());
		CreateIndexChange index = new CreateIndexChange();
		index.setTableName("users");
		index.setIndexName("users_name_idx");
		ChangeSet indexed = changeSet("index", index);
		List<ChangeSet> changelog = List.of(create, indexed);
		assertThat(new DestructiveChangeGuard((id) -> false).decide(changelog, changelog, database()).blocking())
			.isEmpty();
		assertThat(new DestructiveChangeGuard((id) -> false).decide(changelog, List.of(indexed), database())
			.blocking()).hasSize(1);
	}

	private static Database database() throws Exception {
		return OfflineChangelogs.postgresql(new ClassLoaderResourceAccessor());
	}

	private static ChangeSet changeSet(String id, Change change) {
		ChangeSet changeSet = new ChangeSet(id, "tests", false, false, "db/fixtures/" + id + ".yaml", null, null,
				null);
		changeSet.addChange(change);
		return changeSet;
	}

	private static CreateTableChange createUsers() {
		CreateTableChange create = new CreateTableChange();
		create.setTableName("users");
		create.addColumn(new ColumnConfig().setName("id").setType("bigint"));
		create.addColumn(new ColumnConfig().setName("name").setType("varchar(100)"));
		create.addColumn(new ColumnConfig().setName("email").setType("varchar(320)"));
		return create;
	}

	private static DropColumnChange dropName() {
		DropColumnChange drop = new DropColumnChange();
		drop.setTableName("users");
		drop.setColumnName("name");
		return drop;
	}

}
