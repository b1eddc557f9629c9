package com.usersservice.migration.observability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.ChangeSet.ExecType;
import liquibase.changelog.ChangeSet.RunStatus;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usersservice.migration.changelog.ChangesetKey;
import com.usersservice.migration.failure.FailureMessages;

/**
 * One log line per changeset Liquibase applies or fails to apply: id, file and duration as structured key-values
 * (fields of their own in prod's JSON), the database's error for a failure. Counts applied changesets for the metrics.
 */
class ChangesetTimingListener extends AbstractChangeExecListener {

	private static final Logger logger = LoggerFactory.getLogger(ChangesetTimingListener.class);

	private final MigrationStatistics statistics;

	private final Map<ChangesetKey, Long> started = new ConcurrentHashMap<>();

	ChangesetTimingListener(MigrationStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void willRun(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			RunStatus runStatus) {
		this.started.put(ChangesetKey.of(changeSet), System.nanoTime());
	}

	@Override
	public void ran(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database, ExecType execType) {
		Duration took = took(changeSet);
		if (execType == ExecType.EXECUTED || execType == ExecType.RERAN) {
			this.statistics.changesetApplied();
		}
		logger.atInfo()
			.addKeyValue("changeset.id", changeSet.getId())
			.addKeyValue("changeset.file", changeSet.getFilePath())
			.addKeyValue("changeset.durationMs", took.toMillis())
			.addKeyValue("changeset.execType", execType.name())
			.log("Changeset {} ({}) {} in {} ms", changeSet.getId(), changeSet.getFilePath(),
					execType.name().toLowerCase().replace('_', ' '), took.toMillis());
	}

	@Override
	public void runFailed(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			Exception exception) {
		Duration took = took(changeSet);
		String reason = FailureMessages.databaseMessage(exception);
		// WARN: the single ERROR of a failed migration is Boot's start-up report (ChangesetFailureAnalyzer).
		logger.atWarn()
			.addKeyValue("changeset.id", changeSet.getId())
			.addKeyValue("changeset.file", changeSet.getFilePath())
			.addKeyValue("changeset.durationMs", took.toMillis())
			.log("Changeset {} ({}) failed after {} ms: {}", changeSet.getId(), changeSet.getFilePath(),
					took.toMillis(), reason);
	}

	private Duration took(ChangeSet changeSet) {
		Long start = this.started.remove(ChangesetKey.of(changeSet));
		return (start != null) ? Duration.ofNanos(System.nanoTime() - start) : Duration.ZERO;
	}

}
