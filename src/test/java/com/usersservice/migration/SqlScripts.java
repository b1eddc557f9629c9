package com.usersservice.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

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
			applyWithPsql(script, jdbcUrl, username, password);
			return;
		}
		applyWithJdbc(script, jdbcUrl, username, password);
	}

	/** The runbook's command, {@code psql -X -q -1 -v ON_ERROR_STOP=1 -f script}. */
	static void applyWithPsql(Path script, String jdbcUrl, String username, String password) {
		psql(jdbcUrl, username, password, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-f", script.toString());
	}

	/** Runs psql on the database of a JDBC URL; returns its standard output, fails with its errors. */
	static String psql(String jdbcUrl, String username, String password, String... arguments) {
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		List<String> command = new ArrayList<>(List.of("psql", "-h", uri.getHost(), "-p",
				String.valueOf(uri.getPort()), "-U", username, "-d", uri.getPath().substring(1)));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("PGPASSWORD", password);
		try {
			Process process = builder.start();
			CompletableFuture<String> errors = CompletableFuture
				.supplyAsync(() -> readAll(process.getErrorStream()));
			String output = readAll(process.getInputStream());
			if (process.waitFor() != 0) {
				fail("%s failed:%n%s", String.join(" ", command), errors.join());
			}
			return output;
		}
		catch (IOException ex) {
			return fail("Could not run psql", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("Interrupted while running psql");
		}
	}

	private static String readAll(InputStream stream) {
		try {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static boolean psqlInstalled() {
		return installed("psql");
	}

	static boolean mariadbClientInstalled() {
		return installed("mariadb");
	}

	private static boolean installed(String command) {
		String path = System.getenv("PATH");
		return path != null && List.of(path.split(java.io.File.pathSeparator))
			.stream()
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, command)));
	}

	/**
	 * The runbook's MariaDB command, {@code mariadb -h host -P port -u user database < script}: statement after
	 * statement, stopping at the first error (MariaDB commits each DDL statement by itself).
	 */
	static void applyWithMariadbClient(Path script, String jdbcUrl, String username, String password) {
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		List<String> command = List.of("mariadb", "-h", uri.getHost(), "-P",
				String.valueOf((uri.getPort() > 0) ? uri.getPort() : 3306), "-u", username, uri.getPath().substring(1));
		ProcessBuilder builder = new ProcessBuilder(command).redirectInput(script.toFile()).redirectErrorStream(true);
		// The client reads the password from MYSQL_PWD: not on the command line, where ps would show it.
		builder.environment().put("MYSQL_PWD", password);
		try {
			Process process = builder.start();
			String output = readAll(process.getInputStream());
			if (process.waitFor() != 0) {
				fail("%s < %s failed:%n%s", String.join(" ", command), script, output);
			}
		}
		catch (IOException ex) {
			fail("Could not run the mariadb client", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			fail("Interrupted while running the mariadb client");
		}
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

	/**
	 * Runs an export script ({@code COPY ... TO STDOUT}) and returns what it prints: through
	 * {@code psql -X -q -v ON_ERROR_STOP=1 -f} when installed, as the runbook says, otherwise through pgjdbc's COPY.
	 */
	static String copyOut(Path export, String jdbcUrl, String username, String password) {
		if (psqlInstalled()) {
			return psql(jdbcUrl, username, password, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", export.toString());
		}
		try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password)) {
			StringWriter csv = new StringWriter();
			new CopyManager(connection.unwrap(BaseConnection.class)).copyOut(statements(export).get(0), csv);
			return csv.toString();
		}
		catch (SQLException | IOException ex) {
			return fail("Exporting the history of " + jdbcUrl + " failed", ex);
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
