package com.usersservice.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.ChangeSet.ExecType;
import liquibase.changelog.ChangeSet.RunStatus;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Applies a changelog from the classpath with Liquibase, as the service's own update would (same lock and history
 * services), and reports how long each changeset took. The large-table tests use it, and so does
 * {@code bench/large-tables.sh}, through the single-file program {@code bench/ApplyChangelog.java} (no main here: the
 * test sources keep one main class, the one {@code ./mvnw spring-boot:test-run} starts).
 */
public final class ApplyChangelog {

	private ApplyChangelog() {
	}

	/**
	 * Arguments: a JDBC URL, a user (password from {@code PGPASSWORD}) and classpath changelogs, applied in order.
	 * Prints one line per applied changeset: {@code changeset <id> <milliseconds> <start, epoch milliseconds>
	 * <milliseconds of each change, comma-separated>}: a change's time is its statements alone, without Liquibase's
	 * bookkeeping around the changeset.
	 */
	public static void run(String[] args) throws Exception {
		try (Connection connection = DriverManager.getConnection(args[0], args[1], System.getenv("PGPASSWORD"))) {
			for (int i = 2; i < args.length; i++) {
				for (Applied applied : update(connection, args[i])) {
					System.out.println("changeset " + applied.id() + " " + applied.millis() + " " + applied.startedAt() + " "
							+ String.join(",", applied.changeMillis().stream().map(String::valueOf).toList()));
				}
			}
		}
	}

	@SuppressWarnings("deprecation") // the Liquibase facade is the shortest way to run an update with a listener
	static List<Applied> update(Connection connection, String changelog) throws Exception {
		Database database = DatabaseFactory.getInstance()
			.findCorrectDatabaseImplementation(new JdbcConnection(connection));
		ClassLoaderResourceAccessor resources = new ClassLoaderResourceAccessor();
		Timings timings = new Timings();
		Scope.child(Map.of("liquibase.analytics.enabled", false, Scope.Attr.resourceAccessor.name(), resources), () -> {
			Liquibase liquibase = new Liquibase(changelog, resources, database);
			liquibase.setChangeExecListener(timings);
			liquibase.update(new Contexts());
		});
		return timings.applied;
	}

	record Applied(String id, long millis, long startedAt, List<Long> changeMillis) {
	}

	private static final class Timings extends AbstractChangeExecListener {

		private final List<Applied> applied = new ArrayList<>();

		private long started;

		private long startedAt;

		private long changeStarted;

		private List<Long> changeMillis = new ArrayList<>();

		@Override
		public void willRun(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, RunStatus status) {
			this.started = System.nanoTime();
			this.startedAt = System.currentTimeMillis();
			this.changeMillis = new ArrayList<>();
		}

		@Override
		public void willRun(Change change, ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
			this.changeStarted = System.nanoTime();
		}

		@Override
		public void ran(Change change, ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
			this.changeMillis.add((System.nanoTime() - this.changeStarted) / 1_000_000);
		}

		@Override
		public void ran(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ExecType execType) {
			this.applied.add(new Applied(changeSet.getId(), (System.nanoTime() - this.started) / 1_000_000,
					this.startedAt, List.copyOf(this.changeMillis)));
		}

	}

}
