package com.usersservice.migration.compat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.usersservice.TestMariaDb;
import com.usersservice.migration.failure.MigrationRefusedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which connected sessions belong to an older release, and what the contract step does when it cannot see them. */
class ConnectedReleasesTest {

	@Test
	void anOlderVersionOrTheDriversDefaultNameIsAnOlderRelease() {
		assertThat(ConnectedReleases.isOlder("users-service/0.1.0", "0.2.0-SNAPSHOT")).isTrue();
		assertThat(ConnectedReleases.isOlder("users-service/0.2.0-SNAPSHOT", "0.2.0")).isTrue();
		assertThat(ConnectedReleases.isOlder("PostgreSQL JDBC Driver", "0.2.0")).isTrue();
		assertThat(ConnectedReleases.isOlder(null, "0.2.0")).as("a MariaDB session without program_name").isTrue();
		assertThat(ConnectedReleases.isOlder("users-service/0.2.0", "0.2.0")).isFalse();
		assertThat(ConnectedReleases.isOlder("users-service/0.3.0", "0.2.0")).as("a newer release").isFalse();
		assertThat(ConnectedReleases.isOlder("psql", "0.2.0")).as("not a release").isFalse();
		assertThat(ConnectedReleases.isOlder("users-service/custom", "0.2.0")).as("a release of unknown age")
			.isTrue();
	}

	@Test
	@EnabledIf(value = "com.usersservice.TestMariaDb#available", disabledReason = TestMariaDb.UNAVAILABLE)
	void onMariaDbTheReleasesAreReadFromPerformanceSchemaOrTheStepRefuses() throws SQLException {
		String url = TestMariaDb.createDatabase("connected_releases");
		try (Connection own = connect(url, null); Connection release010 = connect(url, "users-service/0.1.0")) {
			if (performanceSchema(own)) {
				assertThat(ConnectedReleases.older(own, "0.2.0"))
					.extracting(ConnectedReleases.Session::applicationName)
					.contains("users-service/0.1.0");
			}
			else {
				assertThatThrownBy(() -> ConnectedReleases.older(own, "0.2.0"))
					.isInstanceOf(MigrationRefusedException.class)
					.hasMessageContaining("cannot see which releases are connected")
					.hasMessageContaining("performance_schema is OFF")
					.satisfies((refused) -> assertThat(((MigrationRefusedException) refused).getAction())
						.contains("performance_schema=ON"));
			}
		}
		finally {
			TestMariaDb.dropDatabase(url);
		}
	}

	private static boolean performanceSchema(Connection connection) throws SQLException {
		try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("SELECT @@performance_schema")) {
			row.next();
			return row.getInt(1) == 1;
		}
	}

	private static Connection connect(String url, String release) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", TestMariaDb.username());
		properties.setProperty("password", TestMariaDb.password());
		if (release != null) {
			properties.setProperty("connectionAttributes", "program_name:" + release);
		}
		return DriverManager.getConnection(url, properties);
	}

}
