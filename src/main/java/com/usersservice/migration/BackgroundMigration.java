package com.usersservice.migration;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SchemaValidationException;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usersservice.migration.failure.FailureMessages;
import com.usersservice.migration.failure.MigrationRefusedException;
import com.usersservice.migration.observability.MigrationObserver;
import com.usersservice.migration.run.MigrationProgress;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * {@code MIGRATION_MODE=background}: applies the changelog after the web server is up and before the service is
 * ready. It is the first application runner: Boot has published {@code LivenessState.CORRECT} before the runners and
 * publishes {@code ReadinessState.ACCEPTING_TRAFFIC} only after them (the state is {@code REFUSING_TRAFFIC} until
 * then), so the instance is live while it migrates and ready once the schema is current; the {@code migrations}
 * contributor keeps the readiness group down too and says which changeset runs. A failure fails the start exactly as
 * in apply mode: Boot's failure report, non-zero exit.
 * <p>
 * The entity manager factory started without Hibernate's schema validation ({@link MigrationModeEnvironment}): nothing
 * touched the tables before the migration, and Hibernate's validator runs once the schema is current.
 */
class BackgroundMigration implements ApplicationRunner, ApplicationListener<ContextClosedEvent>, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(BackgroundMigration.class);

	private final boolean active;

	private final ApplicationContext context;

	private final GuardedMigration migration;

	private final MigrationProgress progress;

	private final ObjectProvider<SpringLiquibase> liquibase;

	private final ObjectProvider<EntityManagerFactory> entities;

	private final ObjectProvider<MigrationObserver> observer;

	/** {@code active}: whether this run is {@code MIGRATION_MODE=background}; otherwise it does nothing. */
	BackgroundMigration(boolean active, ApplicationContext context, GuardedMigration migration,
			MigrationProgress progress, ObjectProvider<SpringLiquibase> liquibase,
			ObjectProvider<EntityManagerFactory> entities, ObjectProvider<MigrationObserver> observer) {
		this.active = active;
		this.context = context;
		this.migration = migration;
		this.progress = progress;
		this.liquibase = liquibase;
		this.entities = entities;
		this.observer = observer;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		if (!this.active) {
			return;
		}
		if (this.progress.state() == MigrationProgress.State.DUE) {
			logger.info("Applying the changelog in the background; not ready until it is done");
			SpringLiquibase liquibase = this.liquibase.getObject();
			this.observer.getObject().timed(liquibase, () -> this.migration.apply(liquibase));
		}
		validateEntities();
	}

	/** The check {@code ddl-auto=validate} makes in the other modes, now that the schema is current. */
	private void validateEntities() {
		EntityManagerFactory factory = this.entities.getIfAvailable();
		if (factory == null) {
			return;
		}
		try {
			factory.getSchemaManager().validate();
		}
		catch (SchemaValidationException | RuntimeException ex) {
			throw new MigrationRefusedException(
					"The schema does not match the entities after the migration: " + FailureMessages.summary(ex),
					"Add a changeset that brings the schema to what the entities map, or correct the entity; Liquibase "
							+ "owns the schema, Hibernate only checks it.",
					ex);
		}
	}

	/** Stops a running migration before the context closes the connection pool under it (SIGTERM). */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context) {
			this.migration.stop();
		}
	}

}
