package com.usersservice.migration.compat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Which release comes before a build, and that the build packages the list it reads it from. */
class ReleasesTest {

	private static final Releases THREE = Releases.parse("0.1.0\taaa\n0.2.0\tbbb\n0.10.0\tccc\n");

	@Test
	void thePreviousReleaseIsTheNewestListedOneBelowTheBuild() {
		Releases two = Releases.parse("0.1.0\taaa\n0.2.0\tbbb\n");
		assertThat(two.previous("0.2.0-SNAPSHOT")).map(Releases.Release::version).contains("0.1.0");
		assertThat(two.previous("0.2.0")).map(Releases.Release::version).contains("0.1.0");
		assertThat(two.previous("0.3.0-SNAPSHOT")).map(Releases.Release::version).contains("0.2.0");
		assertThat(two.previous("0.1.0")).isEmpty();
		assertThat(THREE.previous("0.11.0-SNAPSHOT")).map(Releases.Release::version).contains("0.10.0");
		assertThat(THREE.previous("0.10.0")).map(Releases.Release::version).contains("0.2.0");
	}

	@Test
	void aBuildOfUnknownVersionComesAfterEveryRelease() {
		assertThat(THREE.previous("unknown")).map(Releases.Release::version).contains("0.10.0");
	}

	@Test
	void versionsCompareNumericallyWithTheSnapshotFirst() {
		assertThat(ReleaseVersion.parse("0.2.0-SNAPSHOT")).isLessThan(ReleaseVersion.parse("0.2.0"));
		assertThat(ReleaseVersion.parse("0.10.0")).isGreaterThan(ReleaseVersion.parse("0.9.9"));
		assertThat(ReleaseVersion.parse("1.0")).isEqualTo(ReleaseVersion.parse("1.0.0"))
			.hasSameHashCodeAs(ReleaseVersion.parse("1.0.0"));
		assertThat(ReleaseVersion.parse("users-service")).isNull();
	}

	@Test
	void aLineThatIsNotAReleaseIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> Releases.parse("0.1.0 8af9e8b\n"))
			.withMessageContaining("0.1.0 8af9e8b");
	}

	@Test
	void theBuildPackagesTheListOfReleasesAndAModelOfEach() throws Exception {
		Releases packaged = Releases.fromClassPath(ReleasesTest.class.getClassLoader());
		assertThat(packaged.all()).isEqualTo(Releases.parse(Files.readString(Path.of("releases.tsv"))).all())
			.isNotEmpty();
		for (Releases.Release release : packaged.all()) {
			ReleaseModel model = ReleaseModel.fromClassPath(ReleasesTest.class.getClassLoader(), release.version());
			assertThat(model).as("db/releases/%s.json", release.version()).isNotNull();
			assertThat(model.version()).isEqualTo(release.version());
		}
	}

}
