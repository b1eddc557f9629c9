package com.usersservice.migration.compat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.usersservice.config.ReleaseName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release model: what the recorder reads from compiled entities, and the command that records it when a release is
 * cut ({@code -Drelease.record=true}, docs/releasing.md). Without it, a release build (no -SNAPSHOT) must already have
 * its current model committed, and a snapshot has none.
 */
class ReleaseModelTests {

	static final Path MODELS = Path.of("src/main/resources", ReleaseModel.LOCATION);

	static final Path CLASSES = Path.of("target/classes");

	@Test
	void recordsThisBuildsModelWhenAReleaseIsCutAndChecksItOtherwise() throws Exception {
		String version = ReleaseName.version(ReleaseModelTests.class.getClassLoader());
		ReleaseModel current = ReleaseModelRecorder.record(CLASSES, version);
		Path file = MODELS.resolve(version + ".json");
		if (Boolean.getBoolean("release.record")) {
			assertThat(ReleaseVersion.parse(version).snapshot()).as("the version of a release has no -SNAPSHOT")
				.isFalse();
			Files.writeString(file, current.toJson());
		}
		assertThat(problem(version, current, file)).isNull();
	}

	@Test
	void aReleaseWithoutItsCurrentModelIsNamedAndASnapshotNeedsNone(@TempDir Path models) throws Exception {
		ReleaseModel current = ReleaseModelRecorder.record(CLASSES, "9.9.9");
		Path file = models.resolve("9.9.9.json");
		assertThat(problem("9.9.9", current, file)).contains("no recorded model");
		Files.writeString(file, new ReleaseModel("9.9.9", java.util.Map.of()).toJson());
		assertThat(problem("9.9.9", current, file)).contains("differs from a fresh recording");
		Files.writeString(file, current.toJson());
		assertThat(problem("9.9.9", current, file)).isNull();
		assertThat(problem("9.9.10-SNAPSHOT", current, models.resolve("9.9.10-SNAPSHOT.json"))).isNull();
		Files.writeString(models.resolve("9.9.10-SNAPSHOT.json"), current.toJson());
		assertThat(problem("9.9.10-SNAPSHOT", current, models.resolve("9.9.10-SNAPSHOT.json")))
			.contains("a snapshot has no model");
	}

	@Test
	void recordsWhatTheEntitiesMapAndWrite() {
		ReleaseModel model = ReleaseModelRecorder.record(CLASSES, "head");
		assertThat(model.tables()).containsKey("users");
		assertThat(model.column("users", "id")).hasValueSatisfying((id) -> {
			assertThat(id.insertable()).as("an identity column is the database's to fill").isFalse();
			assertThat(id.nullable()).isFalse();
		});
		assertThat(model.column("users", "email")).hasValueSatisfying((email) -> {
			assertThat(email.written()).isTrue();
			assertThat(email.length()).isEqualTo(320);
		});
		assertThat(model.column("users", "created_at")).hasValueSatisfying((created) -> {
			assertThat(created.insertable()).isFalse();
			assertThat(created.updatable()).isFalse();
		});
		assertThat(ReleaseModel.fromJson(model.toJson())).isEqualTo(model);
	}

	@Test
	void namesColumnsAsSpringBootsDefaultPhysicalNaming() {
		assertThat(EntityColumns.physical("createdAt")).isEqualTo("created_at");
		assertThat(EntityColumns.physical("emailAddress2")).isEqualTo("email_address2");
		assertThat(EntityColumns.physical("UserAccount")).isEqualTo("user_account");
		assertThat(EntityColumns.physical("URLValue")).isEqualTo("urlvalue");
	}

	/** What is wrong with the committed model of this version, or null. */
	static String problem(String version, ReleaseModel current, Path file) throws Exception {
		boolean exists = Files.exists(file);
		if (ReleaseVersion.parse(version) == null || ReleaseVersion.parse(version).snapshot()) {
			return exists ? file + " exists, but a snapshot has no model: only a release is recorded" : null;
		}
		if (!exists) {
			return "Release " + version + " has no recorded model " + file + ": record it with ./mvnw -B test "
					+ "-Dtest=ReleaseModelTests -Drelease.record=true (docs/releasing.md)";
		}
		return ReleaseModel.fromJson(Files.readString(file)).equals(current) ? null
				: file + " differs from a fresh recording of this build: record it again (docs/releasing.md)";
	}

}
