// The autogenerate command's entry point (see the autogenerate profile in pom.xml), launched as a single-file program
// on the test class path. It lives outside the compiled test sources so that those hold one main class only, the one
// `./mvnw spring-boot:test-run` starts.
public class Autogenerate {

	public static void main(String[] args) throws Exception {
		com.usersservice.authoring.AutogenerateChangeset.generate(args);
	}

}
