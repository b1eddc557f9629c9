package com.usersservice.release;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.usersservice.AppProcess;
import com.usersservice.Http;
import com.usersservice.PackagedJar;
import com.usersservice.ProdEnvironment;
import com.usersservice.TestPostgres;
import com.usersservice.migration.compat.ReleaseModel;
import com.usersservice.migration.compat.ReleaseModelRecorder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every release in releases.tsv, built from git history ({@link ReleaseBuilds}), populated through its own API on an
 * empty database in prod, then replaced by this build on the same database: every row is intact, the schema is the
 * one this build expects (its drift report, {@code /actuator/migrations}, is clean), and this build's API serves the
 * old rows, with ETags. The model
 * committed for the release (what the expand/contract rule judges against) is checked against a fresh recording of
 * its build.
 */
// One of the slowest integration classes: it starts first, so that no core waits for it at the end of the run.
@Order(1)
class UpgradeFromReleasesIT {

	static final int USERS = 10_000;

	static final int CLIENTS = 8;

	static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");

	@TestFactory
	Stream<DynamicTest> everyReleaseUpgradesToThisBuildWithItsDataIntact() {
		return Release.all(Release.FILE)
			.stream()
			.map((release) -> DynamicTest.dynamicTest(release.version() + " → " + Release.headVersion(),
					() -> upgrade(release)));
	}

	private static void upgrade(Release release) throws Exception {
		Path jar = ReleaseBuilds.ofProject().jar(release);
		assertThat(ReleaseModelRecorder.record(jar, release.version()))
			.as("db/releases/" + release.version() + ".json is what the release's build maps")
			.isEqualTo(ReleaseModel.fromClassPath(UpgradeFromReleasesIT.class.getClassLoader(), release.version()));
		String url = TestPostgres.createDatabase("upgrade_from_" + release.version().replace('.', '_'));
		Map<String, String> env = ProdEnvironment.of(url);
		String authorization = ProdEnvironment.authorization();
		Map<Long, Population.Written> written;
		List<String> rows;
		try (AppProcess old = PackagedJar.startJar(jar, "upgrade-" + release.version(), env, JVM).awaitReady()) {
			written = Population.write(new UsersApi(old.port(), authorization), USERS, CLIENTS);
			rows = rows(url);
		}
		assertThat(written).hasSize(USERS);
		assertThat(rows).hasSize(USERS);

		try (AppProcess head = PackagedJar.startJar(Release.HEAD_JAR, "upgrade-" + release.version() + "-head", env,
				JVM).awaitReady()) {
			assertThat(rows(url)).as("every row as " + release.version() + " left it").isEqualTo(rows);
			UsersApi api = new UsersApi(head.port(), ProdEnvironment.authorization());
			assertThat(served(api)).as("the rows as this build's API serves them").isEqualTo(written);
			for (Population.Written user : List.copyOf(written.values()).subList(0, 10)) {
				UsersApi.Answer one = api.get(user.id());
				assertThat(one.status()).as(one.toString()).isEqualTo(200);
				assertThat(Population.Written.of(one.json())).isEqualTo(user);
				assertThat(one.etag()).as("an old row gets an ETag from this build").isPresent()
					.hasValueSatisfying((etag) -> assertThat(etag).matches("\"[0-9]+\""));
				assertThat(one.json().get("updatedAt").isString()).as(one.toString()).isTrue();
			}
			Population.Written first = written.values().iterator().next();
			UsersApi.Answer renamed = api.update(first.id(), first.name(), first.email().toLowerCase());
			assertThat(renamed.status()).as("an old row is writable: " + renamed).isEqualTo(200);

			// What drift-report prints, read from the running build: nothing pending (the contract step aside), no
			// changeset this build does not know or that was edited, and the schema this build's snapshot expects.
			HttpResponse<String> report = Http.get("http://localhost:" + head.managementPort()
					+ "/actuator/migrations", env.get("ACTUATOR_USERNAME"), env.get("ACTUATOR_PASSWORD"));
			assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
			JsonNode migrations = JsonMapper.builder().build().readTree(report.body());
			for (String list : List.of("pending", "unknown", "checksumMismatches", "drift")) {
				assertThat(migrations.get(list)).as(list + " in " + report.body()).isEmpty();
			}
		}
	}

	/** Every user this build's API lists, one keyset page of 100 after another. */
	private static Map<Long, Population.Written> served(UsersApi api) {
		Map<Long, Population.Written> served = new TreeMap<>();
		long after = 0;
		while (true) {
			UsersApi.Answer page = api.page(after, 100);
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			JsonNode body = page.json();
			for (JsonNode user : body.get("items")) {
				Population.Written item = Population.Written.of(user);
				served.put(item.id(), item);
			}
			if (body.get("next").isNull()) {
				return served;
			}
			after = body.get("next").asLong();
		}
	}

	/** The columns every release has, all rows, as text: what an upgrade must leave alone. */
	private static List<String> rows(String url) throws Exception {
		List<String> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url, TestPostgres.username(), TestPostgres.password());
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT id, name, email, created_at FROM users ORDER BY id")) {
			while (result.next()) {
				rows.add(result.getLong(1) + "|" + result.getString(2) + "|" + result.getString(3) + "|"
						+ result.getObject(4, OffsetDateTime.class).toInstant());
			}
		}
		return rows;
	}

}
