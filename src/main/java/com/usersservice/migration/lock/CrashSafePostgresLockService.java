package com.usersservice.migration.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import com.github.blagerweij.sessionlock.PGLockService;
import liquibase.exception.LockException;

/**
 * Liquibase's lock as a PostgreSQL session-level advisory lock (liquibase-sessionlock), on a session that notices a
 * dead client quickly. PostgreSQL frees an advisory lock when the holding backend ends; but a backend whose client was
 * killed mid-statement only ends once that statement finishes and it fails to send the result, so a long changeset
 * would keep the lock for its whole duration. With {@code client_connection_check_interval} the backend polls its
 * socket while the statement runs and aborts (rolling the changeset back) within seconds; the TCP keepalives do the
 * same for a client whose whole host vanished, which sends no FIN.
 */
public class CrashSafePostgresLockService extends PGLockService {

	static final String SESSION_SETTINGS = "SET client_connection_check_interval = '2s';"
			+ " SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3";

	@Override
	public int getPriority() {
		return super.getPriority() + 1;
	}

	@Override
	protected boolean acquireLock(Connection connection) throws SQLException, LockException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(SESSION_SETTINGS);
		}
		// Liquibase's connection is not in auto-commit: commit, or a changeset that rolls back would undo the SETs.
		if (!connection.getAutoCommit()) {
			connection.commit();
		}
		return super.acquireLock(connection);
	}

}
