package com.usersservice.migration;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.fail;

/** Applies a generated script the way a DBA does: all of it in one transaction, stopping at the first error. */
final class SqlScripts {

	private SqlScripts() {
	}

	/**
	 * {@code psql -1 -v ON_ERROR_STOP=1 -f script} when psql is installed (the runbook's command); otherwise the
	 * same statements over JDBC in one transaction.
	 */
	static void applyToPostgres(Path script, String jdbcUrl, String username, String password) {
		if (psqlInstalled()) {
			URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
			List<String> command = List.of("psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-h", uri.getHost(),
					"-p", String.valueOf(uri.getPort()), "-U", username, "-d", uri.getPath().substring(1), "-f",
					script.toString());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().put("PGPASSWORD", password);
			try {
				Process process = builder.start();
				String output = new String(process.getInputStream().readAllBytes());
				if (process.waitFor() != 0) {
					fail("%s failed:%n%s", String.join(" ", command), output);
				}
			}
			catch (IOException ex) {
				fail("Could not run psql", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail("Interrupted while running psql");
			}
			return;
		}
		applyWithJdbc(script, jdbcUrl, username, password);
	}

	static boolean psqlInstalled() {
		String path = System.getenv("PATH");
		return path != null && List.of(path.split(java.io.File.pathSeparator))
			.stream()
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, "psql")));
	}

	/** Every statement of the script, in one transaction. */
	static void applyWithJdbc(Path script, String jdbcUrl, String username, String password) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password)) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				for (String sql : statements(script)) {
					statement.execute(sql);
				}
			}
			connection.commit();
		}
		catch (SQLException ex) {
			fail("Applying %s to %s failed: %s", script, jdbcUrl, ex.getMessage());
		}
	}

	/** Liquibase writes one statement per line, ending in ';'; comment lines start with '--'. */
	static List<String> statements(Path script) {
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		try {
			for (String line : Files.readAllLines(script)) {
				if (line.isBlank() || line.startsWith("--")) {
					continue;
				}
				current.append(line).append('\n');
				if (line.stripTrailing().endsWith(";")) {
					String sql = current.toString().strip();
					statements.add(sql.substring(0, sql.length() - 1));
					current.setLength(0);
				}
			}
		}
		catch (IOException ex) {
			fail("Could not read " + script, ex);
		}
		return statements;
	}

}
