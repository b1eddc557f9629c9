package com.usersservice.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC for checking what a migration left behind, as an operator would with psql. */
final class Database {

	private final String url;

	private final String username;

	private final String password;

	Database(String url, String username, String password) {
		this.url = url;
		this.username = username;
		this.password = password;
	}

	String url() {
		return this.url;
	}

	List<String> column(String query) {
		List<String> values = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(this.url, this.username, this.password);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(query)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(query + ": " + ex.getMessage(), ex);
		}
	}

	String single(String query) {
		List<String> values = column(query);
		return values.isEmpty() ? null : values.get(0);
	}

	void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(this.url, this.username, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	boolean tableExists(String table) {
		try (Connection connection = DriverManager.getConnection(this.url, this.username, this.password);
				ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), null, table, null)) {
			return tables.next();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A classpath resource copied to target/it-changelogs, for SPRING_LIQUIBASE_CHANGE_LOG=file:... */
	static Path copyToFile(String resource, String name) {
		try (InputStream in = Database.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("No resource " + resource);
			}
			Path target = Files.createDirectories(Path.of("target", "it-changelogs")).resolve(name).toAbsolutePath();
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
