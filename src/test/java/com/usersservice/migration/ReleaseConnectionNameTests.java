package com.usersservice.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;

import com.usersservice.TestPostgres;
import com.usersservice.config.ReleaseName;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every connection of this release, the service's pool and Liquibase's own (its separate credentials, as prod sets
 * them), is named users-service/&lt;version of this build&gt; in pg_stat_activity.
 */
class ReleaseConnectionNameTests {

	private static final String NAME = ReleaseName.of(ReleaseName.version(ReleaseConnectionNameTests.class.getClassLoader()));

	@Test
	void theBuildKnowsItsVersion() {
		assertThat(NAME).startsWith("users-service/").doesNotEndWith("/" + ReleaseName.UNKNOWN_VERSION);
	}

	@Test
	void theServicesConnectionsCarryTheReleaseName() throws SQLException {
		String url = TestPostgres.createDatabase("release_name");
		// spring.liquibase.user makes Boot open Liquibase's connection through a data source of its own.
		try (ConfigurableApplicationContext app = Apps.start(url, "spring.main.web-application-type=none",
				"spring.liquibase.user=" + TestPostgres.username(),
				"spring.liquibase.password=" + TestPostgres.password())) {
			assertThat(namesConnectedTo(url)).contains(NAME);
			DataSource migration = app.getBean(SpringLiquibase.class).getDataSource();
			assertThat(migration).isNotSameAs(app.getBean(DataSource.class));
			try (Connection connection = migration.getConnection(); Statement sql = connection.createStatement();
					ResultSet name = sql.executeQuery("SELECT current_setting('application_name')")) {
				name.next();
				assertThat(name.getString(1)).isEqualTo(NAME);
			}
		}
	}

	static List<String> namesConnectedTo(String url) throws SQLException {
		List<String> names = new ArrayList<>();
		try (Connection admin = DriverManager.getConnection(url, TestPostgres.username(), TestPostgres.password());
				Statement sql = admin.createStatement();
				ResultSet rows = sql.executeQuery("SELECT application_name FROM pg_stat_activity "
						+ "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
			while (rows.next()) {
				names.add(rows.getString(1));
			}
		}
		return names;
	}

}
