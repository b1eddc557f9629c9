package com.usersservice.migration.compat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.usersservice.config.ReleaseName;
import com.usersservice.migration.OfflineChangelogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The build lint of expand and contract: no changeset of the changelog breaks the previous release unless it carries
 * the label contract. The fixtures show each refused form, named with its reason, and the forms that pass.
 */
class CompatibilityRuleTest {

	private static final ClassLoader CLASSES = CompatibilityRuleTest.class.getClassLoader();

	@Test
	void noChangesetOfTheChangelogBreaksThePreviousReleaseWithoutTheLabelContract() throws Exception {
		String build = ReleaseName.version(CLASSES);
		Releases.Release previous = Releases.fromClassPath(CLASSES).previous(build).orElseThrow();
		ReleaseModel model = ReleaseModel.fromClassPath(CLASSES, previous.version());
		assertThat(model).as("the recorded model of release %s (docs/releasing.md)", previous.version()).isNotNull();
		for (String database : OfflineChangelogs.DATABASES) {
			assertThat(incompatible(OfflineChangelogs.MASTER, database, model)).as("Changesets for %s that release "
					+ "%s cannot run against, without the label contract (split them: docs/writing-migrations.md)",
					database, previous.version())
				.isEmpty();
		}
	}

	@Test
	void namesEachFormThatThePreviousReleaseCannotRunAgainst() throws Exception {
		assertThat(incompatible("db/fixtures/compat/refused-changelog.yaml", "postgresql", release010())).containsExactly(
				entry("require-nickname",
						"makes users.nickname NOT NULL without a default, which release 0.1.0 does not write"),
				entry("add-required-locale",
						"adds users.locale NOT NULL without a default, which release 0.1.0 does not write"),
				entry("narrow-name", "changes the type of users.name from varchar(100) to varchar(50) (not a "
						+ "provable widening), which release 0.1.0 writes"),
				entry("rename-email", "renames users.email to email_address, which release 0.1.0 maps"),
				entry("drop-name", "drops users.name, which release 0.1.0 maps"),
				entry("rename-users", "renames table users to accounts, which release 0.1.0 maps"),
				entry("drop-users", "drops table users, which release 0.1.0 maps"));
	}

	@Test
	void letsExpandOnlyChangesAndContractLabelledOnesThrough() throws Exception {
		assertThat(incompatible("db/fixtures/compat/passing-changelog.yaml", "postgresql", release010())).isEmpty();
	}

	@Test
	void judgesAgainstTheReleaseItIsGiven() throws Exception {
		// A release that maps nothing cannot be broken: the same forms pass.
		ReleaseModel empty = new ReleaseModel("0.0.1", Map.of());
		assertThat(incompatible("db/fixtures/compat/refused-changelog.yaml", "postgresql", empty)).isEmpty();
	}

	private static ReleaseModel release010() {
		return ReleaseModel.fromClassPath(CLASSES, "0.1.0");
	}

	/** Each refused changeset by id, with its reasons. */
	static Map<String, String> incompatible(String changelog, String databaseName, ReleaseModel model)
			throws Exception {
		return OfflineChangelogs.withChangeSets(changelog, databaseName, (changeSets, database) -> {
			Map<String, String> found = new LinkedHashMap<>();
			new CompatibilityRule(model).judge(changeSets, (changeSet) -> true, database)
				.forEach((refused) -> found.put(refused.changeSet().getId(), String.join("; ", refused.reasons())));
			return found;
		});
	}

}
