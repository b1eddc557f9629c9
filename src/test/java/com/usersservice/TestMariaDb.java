package com.usersservice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.testcontainers.mariadb.MariaDBContainer;

/**
 * The MariaDB of a test JVM, for the portability tests: a Testcontainers MariaDB 10.11 where a Docker engine answers,
 * else the machine's MariaDB on 127.0.0.1:3306 (root, no password; {@code TEST_MARIADB_URL}, {@code _USERNAME},
 * {@code _PASSWORD} point elsewhere), else none and the tests that need it are skipped, saying why.
 */
public final class TestMariaDb {

	private static final String LOCAL_URL = env("TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");

	private static final AtomicInteger databases = new AtomicInteger();

	private static volatile Server server;

	private TestMariaDb() {
	}

	/** Why a test that needs MariaDB was skipped, for {@code @EnabledIf(value = ..., disabledReason = ...)}. */
	public static final String UNAVAILABLE = "No MariaDB: no Docker engine for Testcontainers and nothing answers at "
			+ "127.0.0.1:3306 or TEST_MARIADB_URL; start MariaDB to run this test";

	/** Whether a MariaDB is there; tests that need one are {@code @EnabledIf} it. */
	public static boolean available() {
		return server().urlPrefix != null;
	}

	public static String username() {
		return server().username;
	}

	public static String password() {
		return server().password;
	}

	/**
	 * A new, empty utf8mb4 database with MariaDB's default case-insensitive collation, named uniquely so parallel
	 * runs on one server never collide.
	 */
	public static String createDatabase(String prefix) {
		String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet() + "_"
				+ Long.toString(System.nanoTime(), 36))
			.toLowerCase();
		execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
		return server().urlPrefix + name;
	}

	public static void dropDatabase(String url) {
		execute("DROP DATABASE IF EXISTS " + databaseName(url));
	}

	public static String databaseName(String url) {
		return url.substring(url.lastIndexOf('/') + 1);
	}

	private static void execute(String sql) {
		Server current = server();
		try (Connection connection = DriverManager.getConnection(current.urlPrefix, current.username,
				current.password); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("MariaDB refused: " + sql, ex);
		}
	}

	private static Server server() {
		Server current = server;
		if (current == null) {
			synchronized (TestMariaDb.class) {
				current = server;
				if (current == null) {
					current = TestPostgres.dockerAvailable() ? Server.container() : Server.local();
					server = current;
				}
			}
		}
		return current;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	private record Server(String urlPrefix, String username, String password) {

		static Server container() {
			// root: the tests create a database per run.
			MariaDBContainer container = new MariaDBContainer("mariadb:10.11").withUsername("root");
			container.start();
			String url = container.getJdbcUrl();
			return new Server(url.substring(0, url.lastIndexOf('/') + 1), "root", container.getPassword());
		}

		static Server local() {
			String url = LOCAL_URL.endsWith("/") ? LOCAL_URL : LOCAL_URL + "/";
			String host = url.replaceFirst("^jdbc:mariadb://", "").replaceFirst("/.*$", "");
			int colon = host.lastIndexOf(':');
			String hostname = (colon >= 0) ? host.substring(0, colon) : host;
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(hostname,
						(colon >= 0) ? Integer.parseInt(host.substring(colon + 1)) : 3306), 2000);
			}
			catch (IOException | RuntimeException ex) {
				// Once per JVM, in the build output: surefire itself only counts the skipped tests.
				System.err.println("[MariaDB tests skipped] " + UNAVAILABLE + " (" + url + ": " + ex + ")");
				return new Server(null, null, null);
			}
			return new Server(url, env("TEST_MARIADB_USERNAME", "root"), env("TEST_MARIADB_PASSWORD", ""));
		}

	}

}
