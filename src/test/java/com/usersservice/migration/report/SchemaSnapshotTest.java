package com.usersservice.migration.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.resource.DirectoryResourceAccessor;
import liquibase.serializer.SnapshotSerializerFactory;
import org.junit.jupiter.api.Test;

import com.usersservice.migration.MigratedDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed expected schema ({@code db/schema-snapshot.json} and {@code db/schema-triggers.tsv}, packaged in the
 * jar for drift detection) is what the changelog builds on a fresh PostgreSQL. {@code -Dsnapshot.update=true}
 * rewrites them from the changelog.
 */
class SchemaSnapshotTest {

	static final Path COMMITTED = Path.of("src/main/resources", SchemaDrift.SNAPSHOT);

	static final Path TRIGGERS = Path.of("src/main/resources", SchemaTriggers.FILE);

	@Test
	void committedSnapshotIsWhatTheChangelogBuilds() throws Exception {
		String url = MigratedDatabases.create("snapshot");
		if (Boolean.getBoolean("snapshot.update")) {
			write(url);
		}
		List<String> drift;
		try (Connection connection = MigratedDatabases.connect(url)) {
			drift = SchemaDrift.read(new DirectoryResourceAccessor(Path.of("src/main/resources"))).compare(MigratedDatabases.database(connection));
		}
		assertThat(drift).as("%s no longer matches the changelog. Regenerate it with "
				+ "`./mvnw -B test -Dtest=SchemaSnapshotTest -Dsnapshot.update=true` and commit it", COMMITTED)
			.isEmpty();
	}

	// The database name, its URL, the time and Liquibase's object ids change from run to run; fixed values keep the
	// committed file's diff down to real schema changes.
	private static String stable(String json, String catalog) {
		String fixed = json.replace(catalog, "users")
			.replaceAll("\"url\": \"[^\"]*\"", "\"url\": \"jdbc:postgresql://localhost:5432/users\"")
			.replaceAll("\"created\": \"[^\"]*\"", "\"created\": \"2026-01-01T00:00:00\"");
		Matcher ids = Pattern.compile("\"snapshotId\": \"([0-9a-f]+)\"").matcher(fixed);
		Map<String, String> renumbered = new LinkedHashMap<>();
		while (ids.find()) {
			renumbered.putIfAbsent(ids.group(1), "id" + (renumbered.size() + 1));
		}
		for (Map.Entry<String, String> id : renumbered.entrySet()) {
			fixed = fixed.replace("\"snapshotId\": \"" + id.getKey() + "\"", "\"snapshotId\": \"" + id.getValue() + "\"")
				.replace("#" + id.getKey() + "\"", "#" + id.getValue() + "\"");
		}
		return fixed;
	}

	private static void write(String url) throws Exception {
		try (Connection connection = MigratedDatabases.connect(url)) {
			String json = SnapshotSerializerFactory.getInstance()
				.getSerializer("json")
				.serialize(SchemaDrift.snapshot(MigratedDatabases.database(connection)), true);
			Files.writeString(COMMITTED, stable(json, connection.getCatalog()) + "\n");
			Set<String> triggers = SchemaTriggers.live(MigratedDatabases.database(connection));
			Files.writeString(TRIGGERS, "# The triggers of the changelog applied to a fresh PostgreSQL (table<TAB>trigger),\n"
					+ "# which Liquibase's snapshot does not hold. Written by\n"
					+ "# ./mvnw -B test -Dtest=SchemaSnapshotTest -Dsnapshot.update=true\n" + String.join("\n", triggers)
					+ "\n");
		}
	}

}
