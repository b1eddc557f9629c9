package com.usersservice.migration.report;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/** {@code /actuator/migrations}: applied, pending, unknown and edited changesets, schema drift and the lock. */
@Endpoint(id = "migrations")
public class MigrationsEndpoint {

	private final MigrationReport report;

	public MigrationsEndpoint(MigrationReport report) {
		this.report = report;
	}

	@ReadOperation
	MigrationReport.Migrations migrations() {
		return this.report.describe();
	}

}
