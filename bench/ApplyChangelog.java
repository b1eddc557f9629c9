// bench/large-tables.sh's way into Liquibase: applies classpath changelogs and prints each changeset's duration
// (com.usersservice.migration.ApplyChangelog, test sources). A single-file program, run on the packaged jar's
// libraries and the test classes, so that the test sources keep one main class.
public class ApplyChangelog {

	public static void main(String[] args) throws Exception {
		com.usersservice.migration.ApplyChangelog.run(args);
	}

}
