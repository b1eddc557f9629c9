package com.usersservice.migration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.usersservice.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** A boot on an empty database applies the changelog; the migration meters and Prometheus say what happened. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MigrationMetricsTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void freshDatabase(DynamicPropertyRegistry registry) {
		String url = TestPostgres.createDatabase("migration_metrics");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", TestPostgres::username);
		registry.add("spring.datasource.password", TestPostgres::password);
	}

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private JdbcTemplate jdbc;

	@LocalServerPort
	private int port;

	@Test
	void metersReportTheChangesetsAppliedAtThisBootNonePendingAndTheTimings() {
		Integer recorded = this.jdbc.queryForObject("select count(*) from databasechangelog", Integer.class);
		assertThat(recorded).isPositive();
		assertThat(this.meters.get("users.migration.changesets.applied").functionCounter().count())
			.isEqualTo(recorded.doubleValue());
		assertThat(this.meters.get("users.migration.changesets.pending").gauge().value()).isZero();
		double duration = this.meters.get("users.migration.duration").timeGauge().value();
		double lockWait = this.meters.get("users.migration.lock.wait").timeGauge().value();
		assertThat(duration).isPositive().isFinite();
		assertThat(lockWait).as("lock wait is measured").isNotNaN().isNotNegative().isLessThanOrEqualTo(duration);
	}

	@Test
	void prometheusServesTheMigrationMetersBesideTheStandardOnes() throws Exception {
		assertThat(get("/users").statusCode()).isEqualTo(200);
		HttpResponse<String> scrape = get("/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type)
			.startsWith("text/plain"));
		String text = scrape.body();
		Integer recorded = this.jdbc.queryForObject("select count(*) from databasechangelog", Integer.class);
		assertThat(text).contains(
				"users_migration_changesets_applied_total{application=\"users-service\"} " + recorded.doubleValue(),
				"users_migration_changesets_pending{application=\"users-service\"} 0.0",
				"# TYPE users_migration_duration_seconds gauge",
				"# TYPE users_migration_lock_wait_seconds gauge",
				"http_server_requests_seconds_count{", "jvm_memory_used_bytes{", "hikaricp_connections_active{");
		assertThat(text.lines().filter((line) -> line.startsWith("users_migration_duration_seconds{")))
			.singleElement()
			.asString()
			.doesNotEndWith("NaN");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
