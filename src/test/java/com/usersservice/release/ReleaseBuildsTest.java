package com.usersservice.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where a release's jar comes from: the cache when it was built from the same commit, then the store shared by the
 * machine's clones, otherwise git history; a clone without that history fails, saying how to fetch it (it is not a
 * reason to skip).
 */
class ReleaseBuildsTest {

	private static final Release RELEASE = new Release("0.1.0", "8af9e8be42039d084f4d0e919fc384442b3f18ee");

	/** The build must never run in these tests: a command that fails loudly if it does. */
	private static final List<String> NO_BUILD = List.of("false");

	@Test
	void aCloneWithoutTheCommitFailsSayingHowToFetchIt(@TempDir Path shallow, @TempDir Path cache) throws Exception {
		emptyRepository(shallow);
		ReleaseBuilds builds = new ReleaseBuilds(shallow, cache, NO_BUILD, null);

		assertThatThrownBy(() -> builds.jar(RELEASE)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("Release 0.1.0 (releases.tsv) is built from commit " + RELEASE.commit()
					+ ", which this clone does not have")
			.hasMessageContaining("'git fetch --unshallow'")
			.hasMessageContaining("'git fetch origin " + RELEASE.commit() + "'");
		assertThat(cache.resolve("0.1.0/app.jar")).doesNotExist();
	}

	@Test
	void aCommitThisRepositoryNeverHadFailsTheSameWay(@TempDir Path cache) {
		Release unknown = new Release("0.0.9", "0123456789abcdef0123456789abcdef01234567");
		ReleaseBuilds builds = new ReleaseBuilds(Path.of("").toAbsolutePath(), cache, NO_BUILD, null);

		assertThatThrownBy(() -> builds.jar(unknown)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("'git fetch origin 0123456789abcdef0123456789abcdef01234567'");
	}

	@Test
	void aJarBuiltFromTheSameCommitIsReusedWithoutHistoryOrBuild(@TempDir Path shallow, @TempDir Path cache)
			throws Exception {
		Path jar = cache.resolve("0.1.0/app.jar");
		Files.createDirectories(jar.getParent());
		Files.writeString(jar, "the cached jar");
		Files.writeString(cache.resolve("0.1.0/commit"), RELEASE.commit() + "\n");

		assertThat(new ReleaseBuilds(shallow, cache, NO_BUILD, null).jar(RELEASE)).isEqualTo(jar).hasContent("the cached jar");
	}

	@Test
	void aJarBuiltFromAnotherCommitIsNotReused(@TempDir Path shallow, @TempDir Path cache) throws Exception {
		Path jar = cache.resolve("0.1.0/app.jar");
		Files.createDirectories(jar.getParent());
		Files.writeString(jar, "a jar of another commit");
		Files.writeString(cache.resolve("0.1.0/commit"), "0123456789abcdef0123456789abcdef01234567\n");
		emptyRepository(shallow);

		assertThatThrownBy(() -> new ReleaseBuilds(shallow, cache, NO_BUILD, null).jar(RELEASE))
			.hasMessageContaining("which this clone does not have");
	}

	@Test
	void aJarAnotherCloneBuiltFromTheCommitIsTakenFromTheStoreWithoutHistoryOrBuild(@TempDir Path shallow,
			@TempDir Path cache, @TempDir Path store) throws Exception {
		Path stored = store.resolve(RELEASE.commit()).resolve("app.jar");
		Files.createDirectories(stored.getParent());
		Files.writeString(stored, "built by another clone");
		emptyRepository(shallow);

		Path jar = new ReleaseBuilds(shallow, cache, NO_BUILD, store).jar(RELEASE);

		assertThat(jar).isEqualTo(cache.resolve("0.1.0/app.jar")).hasContent("built by another clone");
		assertThat(cache.resolve("0.1.0/commit")).hasContent(RELEASE.commit());
	}

	@Test
	void aJarOfAnotherCommitInTheStoreIsNotTaken(@TempDir Path shallow, @TempDir Path cache, @TempDir Path store)
			throws Exception {
		Path stored = store.resolve("0123456789abcdef0123456789abcdef01234567").resolve("app.jar");
		Files.createDirectories(stored.getParent());
		Files.writeString(stored, "another release");
		emptyRepository(shallow);

		assertThatThrownBy(() -> new ReleaseBuilds(shallow, cache, NO_BUILD, store).jar(RELEASE))
			.hasMessageContaining("which this clone does not have");
	}

	@Test
	void aJarBuiltFromHistoryIsKeptInTheStoreForTheNextClone(@TempDir Path cache, @TempDir Path store)
			throws Exception {
		List<String> build = List.of("sh", "-c", "mkdir -p target && printf 'built from history' > target/app.jar");

		Path jar = new ReleaseBuilds(Path.of("").toAbsolutePath(), cache, build, store).jar(RELEASE);

		assertThat(jar).hasContent("built from history");
		assertThat(store.resolve(RELEASE.commit()).resolve("app.jar")).hasContent("built from history");
		try (var left = Files.list(store.resolve(RELEASE.commit()))) {
			assertThat(left).as("no partial copy left behind").hasSize(1);
		}
	}

	/** A repository of its own (the temporary directory may lie inside this project's work tree). */
	private static void emptyRepository(Path directory) throws Exception {
		assertThat(new ProcessBuilder("git", "init", "-q", directory.toString()).start().waitFor()).isZero();
	}

}
