package com.usersservice.migration.run;

import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.ChangeSet.ExecType;
import liquibase.changelog.ChangeSet.RunStatus;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;

import com.usersservice.migration.changelog.ChangesetKey;

/**
 * Tells a {@link MigrationRun} where Liquibase is: which changeset runs, and whether one of its changes is executing.
 * Liquibase commits a changeset after its last change and records it in a second step, so a run may only be cancelled
 * inside a change; and at each boundary an interrupted run stops, which fails and rolls back the changeset in progress.
 */
class ChangeBoundaries extends AbstractChangeExecListener {

	private final MigrationRun run;

	ChangeBoundaries(MigrationRun run) {
		this.run = run;
	}

	@Override
	public void willRun(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			RunStatus runStatus) {
		this.run.changesetStarting(ChangesetKey.of(changeSet).label());
	}

	@Override
	public void willRun(Change change, ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
		this.run.changeStarting();
	}

	@Override
	public void ran(Change change, ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
		this.run.changeEnded();
	}

	@Override
	public void ran(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database, ExecType execType) {
		this.run.changesetEnded();
	}

	@Override
	public void runFailed(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			Exception exception) {
		this.run.changesetEnded();
	}

}
