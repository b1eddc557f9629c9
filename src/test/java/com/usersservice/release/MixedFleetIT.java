package com.usersservice.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.usersservice.TestPostgres;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each upgrade step a deploy makes, under load ({@link MixedFleet}, short phases): every release listed to the next
 * one, and the newest release below this build to this build. The old build keeps serving while the new one
 * migrates and starts beside it, then stops: no server error and no lost write on either.
 */
// One of the slowest integration classes: it starts first, so that no core waits for it at the end of the run.
@Order(1)
class MixedFleetIT {

	/** The first release with {@code MIGRATION_MODE=contract}: from it on, each step attempts it too early. */
	static final String FIRST_WITH_CONTRACT_STEP = "0.2.0";

	/** How release 0.1.0, which did not name its connections, appears to the contract step. */
	static final String UNNAMED_RELEASE = "'PostgreSQL JDBC Driver'";

	@TestFactory
	Stream<DynamicTest> eachUpgradeStepServesWithoutErrorsOrLostWrites() {
		return steps().stream()
			.map((step) -> DynamicTest.dynamicTest(step.get(0).version() + " → " + step.get(1).version(),
					() -> upgrade(step.get(0), step.get(1))));
	}

	/** Consecutive releases below this build, then the newest of them to this build. */
	static List<List<MixedFleet.Build>> steps() {
		String head = Release.headVersion();
		List<Release> releases = Release.all(Release.FILE)
			.stream()
			.filter((release) -> Release.VERSION_ORDER.compare(release.version(), head) < 0)
			.toList();
		assertThat(releases).as("a release below " + head + " in releases.tsv").isNotEmpty();
		ReleaseBuilds builds = ReleaseBuilds.ofProject();
		List<MixedFleet.Build> chain = new ArrayList<>();
		releases.forEach((release) -> chain.add(new MixedFleet.Build(release.version(), builds.jar(release))));
		chain.add(new MixedFleet.Build(head, Release.HEAD_JAR));
		List<List<MixedFleet.Build>> steps = new ArrayList<>();
		for (int i = 1; i < chain.size(); i++) {
			steps.add(List.of(chain.get(i - 1), chain.get(i)));
		}
		return steps;
	}

	private static void upgrade(MixedFleet.Build old, MixedFleet.Build next) throws Exception {
		String url = TestPostgres.createDatabase("mixed_fleet_" + old.version().replace('.', '_'));
		boolean attemptContract = Release.VERSION_ORDER.compare(next.version(), FIRST_WITH_CONTRACT_STEP) >= 0;
		MixedFleet.Result result = MixedFleet.run(old, next,
				new MixedFleet.Database(url, TestPostgres.username(), TestPostgres.password()),
				new MixedFleet.Settings(Duration.ofSeconds(4), 4, 40, 0, attemptContract, UpgradeFromReleasesIT.JVM));
		System.out.printf("[mixed fleet] %s → %s%n%s", old.version(), next.version(), result.table());

		assertThat(result.migrateOnly().exitCode()).as(result.migrateOnly().output()).isZero();
		if (attemptContract) {
			String older = Release.VERSION_ORDER.compare(old.version(), FIRST_WITH_CONTRACT_STEP) < 0
					? UNNAMED_RELEASE : "'users-service/" + old.version() + "'";
			assertThat(result.contract().exitCode()).as("the contract step refuses while " + old.version() + " serves")
				.isNotZero();
			assertThat(result.contract().output()).contains("MIGRATION_MODE=contract", older + " from ");
		}
		assertThat(result.serverErrors()).as("server errors: " + result.problems()).isZero();
		assertThat(result.lostWrites()).as("lost writes: " + result.problems()).isZero();
		assertThat(result.unexpectedAnswers()).as("unexpected answers: " + result.problems()).isZero();
		assertThat(result.releases()).as("both builds served").containsOnlyKeys(old.version(), next.version());
		assertThat(result.releases().values()).allSatisfy((figures) -> assertThat(figures.requests()).isPositive());
		assertThat(result.phases()).filteredOn((phase) -> List.of("before", "mixed", "after").contains(phase.name()))
			.as("the load ran before, in the mixed window and after")
			.hasSize(3)
			.allSatisfy((phase) -> assertThat(phase.requests()).isPositive());
		assertThat(result.usersVerified()).isPositive();
	}

}
