package com.usersservice.migration;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/** {@code /actuator/migrations}: applied, pending, unknown and edited changesets, schema drift and the lock. */
@Endpoint(id = "migrations")
class MigrationsEndpoint {

	private final MigrationReport report;

	MigrationsEndpoint(MigrationReport report) {
		this.report = report;
	}

	@ReadOperation
	MigrationReport.Migrations migrations() {
		return this.report.describe();
	}

}
