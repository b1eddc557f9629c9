package com.usersservice.migration.run;

import java.time.Instant;
import java.util.Optional;

/**
 * Where this process's migration stands: whether one is due or running, the changeset in progress and since when.
 * Written by the migrating thread, read on request threads by the probes, {@code /actuator/migrations} and the API's
 * gate; one immutable snapshot at a time, so a reader never sees a changeset with another one's start.
 */
public final class MigrationProgress {

	/** The stages of this process's migration. */
	public enum State {

		/** No migration in this process, or nothing to apply: the schema is what the start-up found. */
		NONE,

		/** A migration will run once the web server is up ({@code MIGRATION_MODE=background}). */
		DUE,

		/** A migration is running. */
		RUNNING,

		/** The migration finished: the schema is current. */
		DONE,

		/** The migration failed or was interrupted; the process is ending. */
		FAILED

	}

	/** What is running: the changeset (null while none has started: the lock, the history) and since when. */
	public record Running(String changeset, Instant since) {

	}

	private volatile Snapshot snapshot = new Snapshot(State.NONE, null, null, null, null);

	/** {@code MIGRATION_MODE=background}: the migration is deferred until the web server is up. */
	public void due() {
		this.snapshot = new Snapshot(State.DUE, Instant.now(), null, null, null);
	}

	void started() {
		this.snapshot = new Snapshot(State.RUNNING, Instant.now(), null, null, null);
	}

	void changesetStarted(String changeset) {
		Snapshot current = this.snapshot;
		this.snapshot = new Snapshot(State.RUNNING, current.since(), changeset, Instant.now(), null);
	}

	void changesetEnded() {
		Snapshot current = this.snapshot;
		this.snapshot = new Snapshot(current.state(), current.since(), null, null, null);
	}

	void finished() {
		this.snapshot = new Snapshot(State.DONE, this.snapshot.since(), null, null, null);
	}

	void failed(String reason) {
		Snapshot current = this.snapshot;
		this.snapshot = new Snapshot(State.FAILED, current.since(), current.changeset(), current.changesetSince(),
				reason);
	}

	public State state() {
		return this.snapshot.state();
	}

	/** While a migration is due or running: the changeset in progress and since when (else since the run began). */
	public Optional<Running> running() {
		Snapshot current = this.snapshot;
		if (current.state() != State.DUE && current.state() != State.RUNNING) {
			return Optional.empty();
		}
		return Optional.of(new Running(current.changeset(),
				(current.changesetSince() != null) ? current.changesetSince() : current.since()));
	}

	/** Whether the schema may not be current yet: a migration is due, running, or failed. */
	public boolean schemaPending() {
		State state = this.snapshot.state();
		return state == State.DUE || state == State.RUNNING || state == State.FAILED;
	}

	/** Why the migration failed, or null. */
	public String failure() {
		return this.snapshot.failure();
	}

	private record Snapshot(State state, Instant since, String changeset, Instant changesetSince, String failure) {

	}

}
