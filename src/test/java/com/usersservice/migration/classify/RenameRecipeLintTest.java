package com.usersservice.migration.classify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rename recipe of docs/writing-migrations.md (db/recipes/rename-column) passes the lints a copy of it in the real
 * changelog meets: its drops are approved, and none of its changesets blocks writes to the table (the table is created
 * on another day, so the blocking lint judges it as an existing table).
 */
class RenameRecipeLintTest {

	private static final String RECIPE = "db/recipes/rename-column/changelog.yaml";

	@Test
	void itsDestructiveChangesetsAreApproved() throws Exception {
		assertThat(DestructiveChangeLintTest.unapproved(RECIPE, "postgresql")).isEmpty();
		assertThat(DestructiveChangeLintTest.unapproved(RECIPE, "mariadb")).isEmpty();
	}

	@Test
	void itBlocksNoWrites() throws Exception {
		assertThat(BlockingChangeLintTest.findings(RECIPE, true)).isEmpty();
	}

}
