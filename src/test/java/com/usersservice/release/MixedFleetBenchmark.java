package com.usersservice.release;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * bench/mixed-fleet.sh's way into {@link MixedFleet}: the newest release below this build to this build, with long
 * phases, on the benchmark's PostgreSQL. Prints the figures; asserts nothing.
 */
public final class MixedFleetBenchmark {

	private MixedFleetBenchmark() {
	}

	private static double p99(MixedFleet.Result result, String phase) {
		return result.phases()
			.stream()
			.filter((figures) -> figures.name().equals(phase))
			.findFirst()
			.orElseThrow()
			.p99Millis();
	}

	/**
	 * {@code url username password phaseSeconds clients rate seedRows attemptContract jvmOptions…}; run from the
	 * project directory (releases.tsv, target/app.jar).
	 */
	public static void run(String[] args) throws Exception {
		String head = Release.headVersion();
		Release previous = Release.previous(Release.all(Release.FILE), head)
			.orElseThrow(() -> new IllegalStateException("releases.tsv lists no release below " + head));
		MixedFleet.Build old = new MixedFleet.Build(previous.version(), ReleaseBuilds.ofProject().jar(previous));
		MixedFleet.Build next = new MixedFleet.Build(head, Release.HEAD_JAR);
		MixedFleet.Settings settings = new MixedFleet.Settings(Duration.ofSeconds(Long.parseLong(args[3])),
				Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
				Boolean.parseBoolean(args[7]), List.copyOf(Arrays.asList(args).subList(8, args.length)));
		System.out.printf("%s → %s: %d s phases, %d clients, %d requests/s, %d seeded users%n", old.version(),
				next.version(), settings.phase().toSeconds(), settings.clients(), settings.rate(), settings.seedRows());
		MixedFleet.Result result = MixedFleet.run(old, next, new MixedFleet.Database(args[0], args[1], args[2]),
				settings);
		System.out.println(result.table());
		double before = p99(result, "before");
		System.out.printf("p99 during the migration / before: %.2f× (goal ≤ 2×); mixed / before: %.2f×%n",
				p99(result, "migration") / before, p99(result, "mixed") / before);
		result.problems().forEach((problem) -> System.out.println("problem: " + problem));
		if (result.contract() != null) {
			System.out.println("contract step attempted early, its last lines:\n" + result.contract().output()
				.lines()
				.skip(Math.max(0, result.contract().output().lines().count() - 5))
				.reduce("", (a, b) -> a + "  " + b + "\n"));
		}
		System.exit(0);
	}

}
