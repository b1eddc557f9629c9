// bench/mixed-fleet.sh's way into the mixed-fleet harness (com.usersservice.release.MixedFleetBenchmark, test
// sources). A single-file program, run on the packaged jar's libraries and the test classes.
public class MixedFleet {

	public static void main(String[] args) throws Exception {
		com.usersservice.release.MixedFleetBenchmark.run(args);
	}

}
