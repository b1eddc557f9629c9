package com.usersservice.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inserts users one at a time, each in its own transaction, on a connection of its own, until stopped or until it has
 * made {@value #MAX_INSERTS} inserts: a stand-in for the service's traffic while a migration runs. Counts the inserts
 * that succeeded and keeps the errors.
 */
final class InsertLoad implements AutoCloseable {

	static final int MAX_INSERTS = 1_000_000;

	private final AtomicInteger inserted = new AtomicInteger();

	private final List<String> errors = new ArrayList<>();

	private final Thread thread;

	private volatile boolean stopped;

	InsertLoad(String url) {
		this.thread = new Thread(() -> run(url), "insert-load");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	int inserted() {
		return this.inserted.get();
	}

	synchronized List<String> errors() {
		return List.copyOf(this.errors);
	}

	private void run(String url) {
		try (Connection connection = MigratedDatabases.connect(url);
				PreparedStatement insert = connection.prepareStatement("INSERT INTO users (name, email) "
						+ "VALUES ('Load', 'load-' || gen_random_uuid() || '@example.com')")) {
			while (!this.stopped && this.inserted.get() < MAX_INSERTS) {
				try {
					insert.executeUpdate();
					this.inserted.incrementAndGet();
				}
				catch (SQLException ex) {
					error(ex);
				}
			}
		}
		catch (SQLException ex) {
			error(ex);
		}
	}

	private synchronized void error(SQLException ex) {
		this.errors.add(ex.getSQLState() + " " + ex.getMessage());
		if (this.errors.size() > 100) {
			this.stopped = true;
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.stopped = true;
		this.thread.join(30_000);
	}

}
