package com.usersservice.migration.report;

import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.usersservice.migration.MigratedDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-made changes to a migrated database show up in the drift report, table by table and column by column. */
class SchemaDriftTest {

	@Test
	void freshlyMigratedDatabaseHasNoDrift() throws Exception {
		assertThat(drift(MigratedDatabases.create("nodrift"))).isEmpty();
	}

	@Test
	void reportsAnExtraColumnADroppedIndexAndAChangedType() throws Exception {
		String url = MigratedDatabases.create("drift");
		MigratedDatabases.execute(url, "alter table users add column nickname varchar(20)",
				"drop index users_email_lower_uq", "alter table users alter column name type varchar(200)",
				"create table notes (id bigint primary key)");
		List<String> drift = drift(url);
		assertThat(drift).contains("table users: extra column nickname (varchar(20))",
				"table users: missing index users_email_lower_uq", "extra table notes");
		assertThat(drift).contains("table users: changed column name: type expected varchar(100), found varchar(200)");
	}

	private static List<String> drift(String url) throws Exception {
		try (Connection connection = MigratedDatabases.connect(url)) {
			return SchemaDrift.packaged().compare(MigratedDatabases.database(connection));
		}
	}

}
