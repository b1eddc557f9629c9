package com.usersservice.migration.observability;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.WeakHashMap;

import liquibase.Scope;
import liquibase.database.Database;
import liquibase.exception.DatabaseException;
import liquibase.exception.LiquibaseException;
import liquibase.exception.LockException;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;

/**
 * Public with a public constructor because Liquibase instantiates lock services reflectively.
 * <p>
 * Times how long a migration waits for the changelog lock. It wraps whichever lock service Liquibase would otherwise
 * pick (the lock table, or an advisory-lock extension), so replacing the lock does not touch the metric. It only
 * wraps databases that {@link MigrationObserver} hands it: other Liquibase uses get the plain lock service.
 */
public class TimedLockService implements LockService {

	private static final Map<Database, MigrationStatistics> observed = Collections.synchronizedMap(new WeakHashMap<>());

	private static LockServiceFactory registeredWith;

	private LockService delegate;

	private MigrationStatistics statistics;

	/** Liquibase creates one instance per database through this constructor. */
	public TimedLockService() {
	}

	static synchronized void observe(Database database, MigrationStatistics statistics) {
		LockServiceFactory factory = LockServiceFactory.getInstance();
		if (registeredWith != factory) {
			factory.register(new TimedLockService());
			registeredWith = factory;
		}
		observed.put(database, statistics);
	}

	static void forget(Database database) {
		observed.remove(database);
	}

	@Override
	public int getPriority() {
		return Integer.MAX_VALUE;
	}

	@Override
	public boolean supports(Database database) {
		return observed.containsKey(database);
	}

	@Override
	public void setDatabase(Database database) {
		this.statistics = observed.get(database);
		this.delegate = Scope.getCurrentScope()
			.getServiceLocator()
			.findInstances(LockService.class)
			.stream()
			.filter((service) -> !(service instanceof TimedLockService) && service.supports(database))
			.max(Comparator.comparingInt(LockService::getPriority))
			.map(TimedLockService::newInstance)
			.orElseThrow(() -> new UnexpectedLiquibaseException("No lock service supports " + database));
		this.delegate.setDatabase(database);
	}

	@Override
	public void waitForLock() throws LockException {
		long start = System.nanoTime();
		try {
			this.delegate.waitForLock();
		}
		finally {
			if (this.statistics != null) {
				this.statistics.lockWait(Duration.ofNanos(System.nanoTime() - start));
			}
		}
	}

	@Override
	public void setChangeLogLockWaitTime(long changeLogLockWaitTime) {
		this.delegate.setChangeLogLockWaitTime(changeLogLockWaitTime);
	}

	@Override
	public void setChangeLogLockRecheckTime(long changeLogLockRecheckTime) {
		this.delegate.setChangeLogLockRecheckTime(changeLogLockRecheckTime);
	}

	@Override
	public boolean hasChangeLogLock() {
		return this.delegate.hasChangeLogLock();
	}

	@Override
	public boolean acquireLock() throws LockException {
		return this.delegate.acquireLock();
	}

	@Override
	public void releaseLock() throws LockException {
		this.delegate.releaseLock();
	}

	@Override
	public DatabaseChangeLogLock[] listLocks() throws LockException {
		return this.delegate.listLocks();
	}

	@Override
	public void forceReleaseLock() throws LockException, DatabaseException {
		this.delegate.forceReleaseLock();
	}

	// Liquibase also resets and destroys the instance it keeps as an example, which wraps nothing.
	@Override
	public void reset() {
		if (this.delegate != null) {
			this.delegate.reset();
		}
	}

	@Override
	public void init() throws DatabaseException {
		this.delegate.init();
	}

	@Override
	public void destroy() throws DatabaseException {
		if (this.delegate != null) {
			this.delegate.destroy();
		}
	}

	private static LockService newInstance(LockService example) {
		try {
			return example.getClass().getConstructor().newInstance();
		}
		catch (ReflectiveOperationException ex) {
			throw new UnexpectedLiquibaseException(new LiquibaseException(ex));
		}
	}

}
