package com.usersservice.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** releases.tsv as the upgrade tests read it, and which release a build upgrades from. */
class ReleaseTest {

	private static final String A = "8af9e8be42039d084f4d0e919fc384442b3f18ee";

	private static final String B = "0123456789abcdef0123456789abcdef01234567";

	@Test
	void readsEveryLineOldestFirst(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("releases.tsv");
		Files.writeString(file, "0.1.0\t" + A + "\n0.2.0\t" + B + "\n\n");

		assertThat(Release.all(file)).containsExactly(new Release("0.1.0", A), new Release("0.2.0", B));
	}

	@Test
	void theProjectListsAtLeastTheFirstRelease() {
		assertThat(Release.all(Release.FILE)).first().isEqualTo(new Release("0.1.0", A));
	}

	@Test
	void refusesALineThatIsNotVersionTabCommit(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("releases.tsv");
		Files.writeString(file, "0.1.0 " + A + "\n");

		assertThatThrownBy(() -> Release.all(file)).hasMessageContaining("(version<TAB>commit): 0.1.0 " + A);
	}

	@Test
	void theReleaseABuildUpgradesFromIsTheNewestBelowItsVersion() {
		List<Release> releases = List.of(new Release("0.1.0", A), new Release("0.2.0", B));

		assertThat(Release.previous(releases, "0.2.0-SNAPSHOT")).contains(releases.get(0));
		assertThat(Release.previous(releases, "0.3.0-SNAPSHOT")).contains(releases.get(1));
		assertThat(Release.previous(releases, "0.2.0")).contains(releases.get(0));
		assertThat(Release.previous(releases, "0.10.0-SNAPSHOT")).contains(releases.get(1));
		assertThat(Release.previous(releases, "0.1.0")).isEmpty();
	}

}
