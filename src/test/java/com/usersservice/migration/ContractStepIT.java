package com.usersservice.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.usersservice.AppProcess;
import com.usersservice.PackagedJar;
import com.usersservice.ProdEnvironment;
import com.usersservice.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as the post-deploy step runs it in prod: {@code MIGRATION_MODE=contract} exits non-zero, naming
 * the session, while a release older than this build is connected, and exits 0 without a web server once it is gone.
 */
class ContractStepIT {

	@Test
	void exitsNonZeroWhileAnOlderReleaseIsConnectedAndZeroOnceItIsGone() throws Exception {
		String url = TestPostgres.createDatabase("contract_it");
		Map<String, String> environment = ProdEnvironment.of(url);
		environment.put("MIGRATION_MODE", "migrate-only");
		AppProcess migrate = PackagedJar.start(Path.of("").toAbsolutePath(), environment);
		assertThat(migrate.awaitExit()).as(migrate.output()).isZero();

		environment.put("MIGRATION_MODE", "contract");
		Properties release010 = new Properties();
		release010.setProperty("user", TestPostgres.username());
		release010.setProperty("password", TestPostgres.password());
		release010.setProperty("ApplicationName", "users-service/0.1.0");
		try (Connection connected = DriverManager.getConnection(url, release010)) {
			AppProcess refused = PackagedJar.start(Path.of("").toAbsolutePath(), environment);
			assertThat(refused.awaitExit()).as(refused.output()).isNotZero();
			assertThat(refused.output()).contains("MIGRATION_MODE=contract: 1 session of a release older than ")
				.contains("'users-service/0.1.0' from ");
		}
		AppProcess contract = PackagedJar.start(Path.of("").toAbsolutePath(), environment);
		assertThat(contract.awaitExit()).as(contract.output()).isZero();
		assertThat(contract.output()).contains("MIGRATION_MODE=contract finished; exiting with 0")
			.doesNotContainPattern("(?i)started on port");
	}

}
