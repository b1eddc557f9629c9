package com.usersservice.authoring;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangelogConventionsTests {

	private static final String MASTER = "db/changelog/db.changelog-master.yaml";

	@Test
	void theChangelogFollowsTheConventions() throws Exception {
		List<String> violations = new ChangelogConventions(Path.of("src/main/resources"), MASTER).violations();

		assertThat(violations).as("changelog conventions (docs/writing-migrations.md)").isEmpty();
	}

	@Test
	void everyOffenderIsNamed() throws Exception {
		String changes = "db/changelog/changes/";

		List<String> violations = new ChangelogConventions(Path.of("src/test/resources/changelog-lint/bad"), MASTER)
			.violations();

		assertThat(violations).containsExactlyInAnyOrder(
				MASTER + ": includeAll hides what runs and in which order; include each file explicitly",
				"changes/20261201-0003-forgotten.yaml: not included by " + MASTER
						+ " (add an include for it, in order)",
				"changes/things-index.yaml: the name must be <yyyyMMdd>-<nnnn>-<intent>.yaml",
				changes + "20261201-0001-create-things.yaml::add-colour: the id must be 20261201-0001-<n>, after its "
						+ "file",
				changes + "20261201-0001-create-things.yaml::20261201-0001-3: no author",
				changes + "20261201-0001-create-things.yaml::20261201-0001-4: no rollback; add a rollback block, or a "
						+ "line 'no-rollback: <reason>' in its comment if it cannot have one",
				changes + "20261201-0001-create-things.yaml::20261201-0001-5: runAlways/runOnChange on a schema "
						+ "change; write a new changeset instead",
				changes + "20261201-0002-fill-things.yaml::20261201-0002-1: no rollback; add a rollback block, or a "
						+ "line 'no-rollback: <reason>' in its comment if it cannot have one",
				changes + "things-index.yaml::things-index-1: a changeset belongs in a file "
						+ "changes/<yyyyMMdd>-<nnnn>-<intent>.yaml");
	}

}
