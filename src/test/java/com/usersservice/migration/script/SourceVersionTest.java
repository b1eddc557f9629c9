package com.usersservice.migration.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The script header's "generated from" line: the version and commit the build recorded, never git at run time. */
class SourceVersionTest {

	@Test
	void namesTheVersionAndTheCommitTheBuildRecorded() {
		Properties git = new Properties();
		git.setProperty("git.commit.id.abbrev", "0123456789ab");
		git.setProperty("git.dirty", "false");

		assertThat(SourceVersion.describe("1.2.3", git)).isEqualTo("users-service 1.2.3, commit 0123456789ab");
	}

	@Test
	void saysWhenTheBuildHadUncommittedChanges() {
		Properties git = new Properties();
		git.setProperty("git.commit.id.abbrev", "0123456789ab");
		git.setProperty("git.dirty", "true");

		assertThat(SourceVersion.describe("1.2.3", git))
			.isEqualTo("users-service 1.2.3, commit 0123456789ab + uncommitted changes");
	}

	@Test
	void aBuildWithoutGitMetadataSaysSoInsteadOfFailing() {
		assertThat(SourceVersion.describe("1.2.3", new Properties()))
			.isEqualTo("users-service 1.2.3, commit unknown (built without git metadata)");
	}

	@Test
	void theBuildRecordsTheCommitThatIsCheckedOut() throws Exception {
		Assumptions.assumeTrue(Files.exists(Path.of(".git")), "not a git checkout: the build records no commit");
		Properties built = new Properties();
		try (InputStream in = SourceVersion.class.getClassLoader().getResourceAsStream(SourceVersion.GIT_PROPERTIES)) {
			assertThat(in).as("git.properties written by the build (git-commit-id-maven-plugin)").isNotNull();
			built.load(in);
		}
		String head = git("rev-parse", "HEAD");

		assertThat(built.getProperty("git.commit.id")).as("the commit of this checkout, also in a linked worktree")
			.isEqualTo(head);
		assertThat(SourceVersion.describe(".", "9.9.9"))
			.startsWith("users-service 9.9.9, commit " + head.substring(0, 12));
	}

	private static String git(String... arguments) throws IOException, InterruptedException {
		String[] command = new String[arguments.length + 1];
		command[0] = "git";
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		Assumptions.assumeTrue(process.exitValue() == 0, () -> "git is not usable here: " + output);
		return output;
	}

}
