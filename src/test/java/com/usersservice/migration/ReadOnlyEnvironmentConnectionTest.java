package com.usersservice.migration;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import com.usersservice.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@code -Denv=...} connects with liquibase/read-only.properties: PostgreSQL must refuse any write on it. */
class ReadOnlyEnvironmentConnectionTest {

	@Test
	void theEnvironmentConnectionCannotWrite() throws IOException, SQLException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of("liquibase/read-only.properties"))) {
			properties.load(reader);
		}
		properties.setProperty("user", TestPostgres.username());
		properties.setProperty("password", TestPostgres.password());
		String url = TestPostgres.createDatabase("dba_read_only");

		try (Connection connection = DriverManager.getConnection(url, properties);
				Statement statement = connection.createStatement()) {
			assertThat(connection.getAutoCommit()).as("even outside an explicit transaction").isTrue();
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("CREATE TABLE databasechangelog (id varchar(255))"))
				.withMessageContaining("read-only transaction");
		}
	}

}
