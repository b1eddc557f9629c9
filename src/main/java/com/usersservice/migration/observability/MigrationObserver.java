package com.usersservice.migration.observability;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import liquibase.Liquibase;
import liquibase.changelog.visitor.ChangeExecListener;
import liquibase.changelog.visitor.DefaultChangeExecListener;
import liquibase.integration.spring.Customizer;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usersservice.migration.changelog.ChangelogInspector;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.util.ReflectionUtils;

/**
 * Watches every {@link SpringLiquibase} bean, whichever configuration made it: times its run, adds
 * {@link ChangesetTimingListener} and {@link TimedLockService} to it (keeping any customizer or listener already set),
 * and, when first asked, counts what is still pending after it.
 */
public class MigrationObserver implements BeanPostProcessor, Ordered {

	/**
	 * Before anything else that acts on the {@link SpringLiquibase} bean, so that the measured duration covers the
	 * checks that run before Liquibase (the migration gate is ordered right after it).
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final Logger logger = LoggerFactory.getLogger(MigrationObserver.class);

	private static final Field listenerField = ReflectionUtils.findField(Liquibase.class, "changeExecListener");

	private final MigrationStatistics statistics;

	private final ObjectProvider<DataSource> dataSource;

	private final Map<String, Long> started = new ConcurrentHashMap<>();

	MigrationObserver(MigrationStatistics statistics, ObjectProvider<DataSource> dataSource) {
		this.statistics = statistics;
		this.dataSource = dataSource;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	MigrationStatistics statistics() {
		return this.statistics;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof SpringLiquibase liquibase) {
			Customizer<Liquibase> existing = liquibase.getCustomizer();
			liquibase.setCustomizer((target) -> {
				if (existing != null) {
					existing.customize(target);
				}
				target.setChangeExecListener(withOurs(currentListener(target)));
				TimedLockService.observe(target.getDatabase(), this.statistics);
			});
			this.started.put(beanName, System.nanoTime());
		}
		return bean;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Long start = this.started.remove(beanName);
		if (bean instanceof SpringLiquibase liquibase && start != null) {
			this.statistics.duration(Duration.ofNanos(System.nanoTime() - start));
			this.statistics.pendingCountedBy(() -> countPending(liquibase));
		}
		return bean;
	}

	/**
	 * The bean's initialization only defers its run (background mode): nothing is recorded for it, the run is timed
	 * where it happens, with {@link #timed}.
	 */
	public void deferred(String beanName) {
		this.started.remove(beanName);
	}

	/** Times a run of the bean outside its initialization, and then counts what is still pending. */
	public <E extends Exception> void timed(SpringLiquibase liquibase, Run<E> run) throws E {
		long start = System.nanoTime();
		run.run();
		this.statistics.duration(Duration.ofNanos(System.nanoTime() - start));
		this.statistics.pendingCountedBy(() -> countPending(liquibase));
	}

	/** A migration run, as {@link #timed} takes it. */
	@FunctionalInterface
	public interface Run<E extends Exception> {

		void run() throws E;

	}

	private ChangeExecListener withOurs(ChangeExecListener current) {
		ChangesetTimingListener ours = new ChangesetTimingListener(this.statistics);
		return (current != null) ? new DefaultChangeExecListener(current, ours) : ours;
	}

	private static ChangeExecListener currentListener(Liquibase liquibase) {
		if (listenerField == null) {
			return null;
		}
		ReflectionUtils.makeAccessible(listenerField);
		return (ChangeExecListener) ReflectionUtils.getField(listenerField, liquibase);
	}

	/**
	 * Reads the history once more, through the application's own pool, after the migration step: read-only (it never
	 * creates Liquibase's tables) and outside the lock, so a failure here only leaves the gauge unknown (NaN).
	 */
	private double countPending(SpringLiquibase migration) {
		DataSource pool = this.dataSource.getIfAvailable();
		if (pool == null || migration.getChangeLog() == null) {
			return Double.NaN;
		}
		try {
			return new ChangelogInspector(migration).status(pool).pending().size();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not count pending changesets for the metrics: {}", ex.getMessage());
			return Double.NaN;
		}
	}

}
