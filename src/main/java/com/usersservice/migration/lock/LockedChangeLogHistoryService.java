package com.usersservice.migration.lock;

import liquibase.changelog.StandardChangeLogHistoryService;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.LockException;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;

/**
 * Liquibase's history table, created under the migration lock. Liquibase 4.33 creates DATABASECHANGELOG before it
 * takes its lock, so replicas of a first deployment that meet on an empty database race on that CREATE TABLE and
 * the losers refuse to start ("relation databasechangelog already exists"). Here a migrator that finds no table
 * takes the lock first, looks again, and creates the table only if no one did meanwhile. Public with a no-argument
 * constructor: Liquibase finds it through {@code META-INF/services}.
 */
public class LockedChangeLogHistoryService extends StandardChangeLogHistoryService {

	@Override
	public int getPriority() {
		return super.getPriority() + 1;
	}

	@Override
	public boolean supports(Database database) {
		// Live databases only: offline SQL generation keeps Liquibase's own offline history.
		return database.getConnection() instanceof JdbcConnection;
	}

	@Override
	public void init() throws DatabaseException {
		LockService lock = LockServiceFactory.getInstance().getLockService(getDatabase());
		if (hasDatabaseChangeLogTable() || lock.hasChangeLogLock()) {
			super.init();
			return;
		}
		try {
			lock.waitForLock();
		}
		catch (LockException ex) {
			throw new DatabaseException("Could not take the migration lock to create the history table", ex);
		}
		try {
			// Another migrator may have created the table while this one waited: check again, under the lock.
			reset();
			super.init();
		}
		finally {
			try {
				lock.releaseLock();
			}
			catch (LockException ex) {
				throw new DatabaseException("Could not release the migration lock", ex);
			}
		}
	}

}
