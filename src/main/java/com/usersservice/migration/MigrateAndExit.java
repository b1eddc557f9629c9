package com.usersservice.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ends the process once the changelog step is done in the modes that do not serve (migrate-only, drift-report,
 * contract), with the exit code their runners registered; a failed start-up has already ended it with a non-zero
 * code.
 */
public final class MigrateAndExit {

	private static final Logger logger = LoggerFactory.getLogger(MigrateAndExit.class);

	private MigrateAndExit() {
	}

	public static void exitIfDone(ConfigurableApplicationContext context) {
		MigrationMode mode = context.getBean(MigrationSettings.class).mode();
		if (!mode.serves()) {
			int code = SpringApplication.exit(context);
			logger.info("MIGRATION_MODE={} finished; exiting with {}", mode.value(), code);
			System.exit(code);
		}
	}

}
