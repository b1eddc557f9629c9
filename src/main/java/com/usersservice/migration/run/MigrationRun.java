package com.usersservice.migration.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.Customizer;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usersservice.migration.failure.FailureMessages;
import com.usersservice.migration.failure.MigrationRefusedException;

import org.springframework.boot.SpringApplication;

/**
 * One run of Spring Boot's {@link SpringLiquibase} bean, bounded by {@code MIGRATION_DEADLINE} and stopped when the
 * process stops (a JVM shutdown hook: SIGTERM reaches it even while the context is still starting). Stopping never
 * abandons a statement, which would keep its locks on the server: the statement is cancelled on the database, the
 * changeset in progress fails and rolls back, and Liquibase releases its lock on the way out. A run that has not started
 * a changeset (waiting for the lock, reading the history) has nothing to roll back: its connection is closed instead.
 */
public final class MigrationRun {

	/** How long stopping waits for an interrupted run to roll back and let go of the lock. */
	public static final Duration STOP_WAIT = Duration.ofSeconds(20);

	private static final Logger logger = LoggerFactory.getLogger(MigrationRun.class);

	// A statement can start just after a cancel reached an idle session: cancel again until the changeset fails.
	private static final long CANCEL_AGAIN_MILLIS = 500;

	private final SpringLiquibase liquibase;

	private final Duration deadline;

	private final MigrationProgress progress;

	private final Object monitor = new Object();

	private final CountDownLatch ended = new CountDownLatch(1);

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "migration-deadline");
		thread.setDaemon(true);
		return thread;
	});

	// Guarded by monitor: where Liquibase is, and what stopped it.
	private RunPhase phase = RunPhase.CONNECTING;

	private MigrationSession session;

	private String changeset;

	private StoppedAt stopped;

	public MigrationRun(SpringLiquibase liquibase, Duration deadline, MigrationProgress progress) {
		this.liquibase = liquibase;
		this.deadline = deadline;
		this.progress = progress;
	}

	/**
	 * Applies the pending changesets with the bean's own configuration, then switches the bean's run off so that
	 * Boot's own call of it has nothing left to do. A stopped run throws a {@link MigrationRefusedException} that says
	 * where it stopped and what was undone.
	 */
	public void execute() throws LiquibaseException {
		long start = System.nanoTime();
		this.progress.started();
		this.timer.schedule(() -> interrupt(Interruption.DEADLINE), this.deadline.toMillis(), TimeUnit.MILLISECONDS);
		// SIGTERM: a JVM hook of its own, because Boot's closes the context only once a start-up is done; and a Boot
		// shutdown handler, because Boot's hook stops the logging system once its handlers have run.
		Runnable stop = this::stopForShutdown;
		Thread hook = new Thread(stop, "migration-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		SpringApplication.getShutdownHandlers().add(stop);
		Customizer<Liquibase> configured = this.liquibase.getCustomizer();
		this.liquibase.setCustomizer((target) -> {
			// Ours first: the observer's customizer keeps a listener that is already set and adds its own.
			target.setChangeExecListener(new ChangeBoundaries(this));
			if (configured != null) {
				configured.customize(target);
			}
			connected(target);
		});
		this.liquibase.setShouldRun(true);
		try {
			this.liquibase.afterPropertiesSet();
			this.progress.finished();
		}
		catch (LiquibaseException | RuntimeException ex) {
			StoppedAt stoppedAt = stoppedAt();
			if (stoppedAt == null) {
				this.progress.failed(FailureMessages.summary(ex));
				throw ex;
			}
			MigrationRefusedException failure = stoppedAt.failure(this.deadline,
					Duration.ofNanos(System.nanoTime() - start), ex);
			logger.warn("{}. {}", failure.getMessage(), failure.getAction());
			this.progress.failed(failure.getMessage());
			throw failure;
		}
		finally {
			this.liquibase.setShouldRun(false);
			this.liquibase.setCustomizer(configured);
			this.timer.shutdownNow();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
				SpringApplication.getShutdownHandlers().remove(stop);
			}
			catch (IllegalStateException stopping) {
				// The JVM is shutting down: the hooks run and wait for this run to end.
			}
			this.ended.countDown();
		}
	}

	/** Stops the run: cancels what the database executes for it, and lets no further change start. */
	public void interrupt(Interruption why) {
		synchronized (this.monitor) {
			if (this.stopped != null || this.ended.getCount() == 0) {
				return;
			}
			this.stopped = new StoppedAt(why, this.phase, this.changeset);
			logger.warn("{}: stopping the migration {}", why.reason(this.deadline), this.stopped.where());
			stop(false);
		}
		try {
			this.timer.scheduleWithFixedDelay(() -> {
				synchronized (this.monitor) {
					stop(true);
				}
			}, CANCEL_AGAIN_MILLIS, CANCEL_AGAIN_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ended) {
			// The run ended meanwhile.
		}
	}

	/** Waits until the run has ended, rolled back and released the lock included; false when the time ran out. */
	public boolean awaitEnd(Duration timeout) {
		try {
			return this.ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void stopForShutdown() {
		interrupt(Interruption.SHUTDOWN);
		if (!awaitEnd(STOP_WAIT)) {
			logger.warn("The migration did not stop within {}; the process ends anyway, and the database ends its "
					+ "session, and releases the lock, when the connection closes", StoppedAt.describe(STOP_WAIT));
		}
	}

	// Under the monitor.
	private void stop(boolean again) {
		if (this.ended.getCount() == 0 || this.session == null) {
			return;
		}
		if (this.phase == RunPhase.IN_CHANGE) {
			this.session.cancelRunningStatement();
		}
		else if (this.phase == RunPhase.PREPARING && !again) {
			this.session.abort();
		}
	}

	private void connected(Liquibase target) {
		MigrationSession opened = null;
		if (target.getDatabase().getConnection() instanceof JdbcConnection jdbc) {
			Connection connection = jdbc.getUnderlyingConnection();
			try {
				opened = MigrationSession.of(connection, this.liquibase.getDataSource());
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not identify the migration's database session", ex);
			}
		}
		synchronized (this.monitor) {
			this.session = opened;
			this.phase = RunPhase.PREPARING;
			if (this.stopped != null) {
				// Stopped while connecting: close the connection rather than fail here, where Liquibase would not.
				stop(false);
			}
		}
	}

	void changesetStarting(String label) {
		this.progress.changesetStarted(label);
		synchronized (this.monitor) {
			this.changeset = label;
			this.phase = RunPhase.BETWEEN;
			refuseIfInterrupted();
		}
	}

	void changeStarting() {
		synchronized (this.monitor) {
			refuseIfInterrupted();
			this.phase = RunPhase.IN_CHANGE;
		}
	}

	void changeEnded() {
		synchronized (this.monitor) {
			this.phase = RunPhase.BETWEEN;
			// The changeset is not committed yet: stopping here rolls back a changeset whose last statement just ended.
			refuseIfInterrupted();
		}
	}

	void changesetEnded() {
		this.progress.changesetEnded();
		synchronized (this.monitor) {
			this.changeset = null;
			this.phase = RunPhase.BETWEEN;
		}
	}

	// Under the monitor.
	private void refuseIfInterrupted() {
		if (this.stopped != null) {
			throw new Stopped(this.stopped.why().reason(this.deadline));
		}
	}

	private StoppedAt stoppedAt() {
		synchronized (this.monitor) {
			return this.stopped;
		}
	}

	/** Thrown at a change boundary of an interrupted run: Liquibase fails and rolls back the changeset in progress. */
	private static final class Stopped extends RuntimeException {

		Stopped(String reason) {
			super(reason);
		}

	}

}
