package com.usersservice;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of the container and Kubernetes files without a Docker engine or a cluster: that they parse and
 * carry the keys the operations contract depends on (ports on loopback, health-gated start order, the migration run
 * once before pods that only validate, probes on the management port, credentials from a Secret).
 */
class DeploymentFilesTests {

	private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)[:?\\-}]");

	@Test
	void composeGatesTheServiceOnAHealthyDatabaseAndACompletedMigration() throws IOException {
		Map<String, Object> services = map(yaml("docker-compose.yml"), "services");
		Map<String, Object> postgres = map(services, "postgres");
		assertThat(String.valueOf(map(postgres, "healthcheck").get("test"))).contains("pg_isready");

		Map<String, Object> migrate = map(services, "migrate");
		assertThat(map(migrate, "environment")).containsEntry("MIGRATION_MODE", "migrate-only")
			.containsEntry("SPRING_PROFILES_ACTIVE", "prod");
		assertThat(migrate.get("restart")).isEqualTo("no");
		assertThat(map(map(migrate, "depends_on"), "postgres")).containsEntry("condition", "service_healthy");

		Map<String, Object> app = map(services, "app");
		assertThat(map(app, "environment")).containsEntry("MIGRATION_MODE", "validate")
			.containsEntry("API_AUTH", "${API_AUTH:-jwt}")
			.containsKeys("JWT_JWK_SET_URI", "JWT_ISSUER", "JWT_AUDIENCE");
		assertThat(map(map(app, "depends_on"), "postgres")).containsEntry("condition", "service_healthy");
		assertThat(map(map(app, "depends_on"), "migrate")).containsEntry("condition",
				"service_completed_successfully");

		for (Map.Entry<String, Object> service : services.entrySet()) {
			List<Object> ports = list(map(services, service.getKey()), "ports");
			assertThat(ports).as("published ports of %s", service.getKey())
				.allSatisfy((port) -> assertThat(String.valueOf(port)).startsWith("127.0.0.1:"));
		}
	}

	@Test
	void everyVariableTheComposeFileReadsIsInEnvExampleAndEnvIsIgnored() throws IOException {
		String compose = Files.readString(Path.of("docker-compose.yml"));
		String example = Files.readString(Path.of(".env.example"));
		Matcher variable = COMPOSE_VARIABLE.matcher(compose);
		List<String> missing = new ArrayList<>();
		while (variable.find()) {
			if (!example.contains("\n" + variable.group(1) + "=")) {
				missing.add(variable.group(1));
			}
		}
		assertThat(missing).as("variables docker-compose.yml reads but .env.example does not define").isEmpty();
		for (String prefix : List.of("DEV_", "TEST_", "PROD_")) {
			for (String suffix : List.of("DATABASE_USERNAME", "DATABASE_PASSWORD")) {
				assertThat(example).contains("\n" + prefix + suffix + "=");
			}
		}
		assertThat(Files.readAllLines(Path.of(".gitignore"))).contains(".env");
		assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains(".env");
	}

	/** The service refuses to start in prod without JWT_JWK_SET_URI: every file that runs it must pass it on. */
	@Test
	void everyWayToRunTheImageInProdPassesTheTokenIssuer() throws IOException {
		DockerfileInstructions dockerfile = DockerfileInstructions.parse(Path.of("Dockerfile"));
		assertThat(dockerfile.env()).containsEntry("API_AUTH", "jwt");
		assertThat(dockerfile.stageRuns()).filteredOn((run) -> run.command().startsWith("java "))
			.allSatisfy((run) -> assertThat(run.command()).contains("-DJWT_JWK_SET_URI="));
		String example = Files.readString(Path.of(".env.example"));
		for (String variable : List.of("API_AUTH", "JWT_JWK_SET_URI", "JWT_ISSUER", "JWT_AUDIENCE")) {
			assertThat(example).contains("\n" + variable + "=");
		}
	}

	@Test
	void dockerfileBuildsWithTheWrapperAndRunsTheLayersOnAJreAsANonRootUser() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("Dockerfile"));
		List<String> stages = lines.stream().filter((line) -> line.startsWith("FROM ")).toList();
		assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
		assertThat(stages.get(stages.size() - 1)).contains("-jre");
		String dockerfile = String.join("\n", lines);
		assertThat(dockerfile).contains("./mvnw ").contains("-Djarmode=tools -jar target/app.jar extract --layers");
		assertThat(DockerfileInstructions.parse(Path.of("Dockerfile")).user()).isNotIn("root", "0", "0:0");
		assertThat(dockerfile).contains("HEALTHCHECK").contains("/actuator/health/readiness");
		assertThat(dockerfile).contains("-XX:MaxRAMPercentage");
		for (String profile : List.of("application-dev.yml", "application-test.yml", "application-prod.yml")) {
			assertThat(dockerfile).contains(profile);
		}
	}

	@Test
	void kubernetesRunsTheMigrationAsAJobAndPodsThatOnlyValidate() throws IOException {
		Map<String, Object> job = yaml("deploy/k8s/migrate-job.yaml");
		assertThat(job).containsEntry("kind", "Job");
		Map<String, Object> jobPod = map(map(map(job, "spec"), "template"), "spec");
		assertThat(jobPod).containsEntry("restartPolicy", "Never");
		Map<String, Object> migrate = container(jobPod);
		assertThat(env(migrate)).containsEntry("MIGRATION_MODE", "migrate-only");
		assertRequestsAndSecret(migrate);

		Map<String, Object> deployment = yaml("deploy/k8s/deployment.yaml");
		assertThat(deployment).containsEntry("kind", "Deployment");
		Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
		assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true);
		Map<String, Object> app = container(pod);
		assertThat(env(app)).containsEntry("MIGRATION_MODE", "validate")
			.containsEntry("MANAGEMENT_PORT", "8081")
			.containsEntry("API_AUTH", "jwt");
		assertRequestsAndSecret(app);
		assertThat(list(app, "ports")).contains(Map.of("name", "management", "containerPort", 8081));
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			Map<String, Object> httpGet = map(map(app, probe), "httpGet");
			assertThat(httpGet).as(probe).containsEntry("port", "management");
			assertThat(String.valueOf(httpGet.get("path"))).as(probe).startsWith("/actuator/health/");
		}
		assertThat(map(map(app, "readinessProbe"), "httpGet")).containsEntry("path", "/actuator/health/readiness");
	}

	@Test
	void theExampleSecretHoldsOnlyContractVariables() throws IOException {
		Map<String, Object> secret = yaml("deploy/k8s/secret.example.yaml");
		assertThat(secret).containsEntry("kind", "Secret");
		assertThat(map(secret, "stringData").keySet()).containsOnly("PROD_DATABASE_URL", "PROD_DATABASE_USERNAME",
				"PROD_DATABASE_PASSWORD", "PROD_MIGRATION_USERNAME", "PROD_MIGRATION_PASSWORD", "ACTUATOR_USERNAME",
				"ACTUATOR_PASSWORD", "JWT_JWK_SET_URI", "JWT_ISSUER", "JWT_AUDIENCE");
	}

	private static void assertRequestsAndSecret(Map<String, Object> container) {
		assertThat(map(map(container, "resources"), "requests")).containsKeys("cpu", "memory");
		assertThat(list(container, "envFrom")).contains(Map.of("secretRef", Map.of("name", "users-service")));
	}

	private static Map<String, Object> container(Map<String, Object> podSpec) {
		List<Object> containers = list(podSpec, "containers");
		assertThat(containers).hasSize(1);
		return cast(containers.get(0));
	}

	private static Map<String, String> env(Map<String, Object> container) {
		Map<String, String> env = new LinkedHashMap<>();
		for (Object entry : list(container, "env")) {
			Map<String, Object> variable = cast(entry);
			env.put(String.valueOf(variable.get("name")), String.valueOf(variable.get("value")));
		}
		return env;
	}

	private static Map<String, Object> yaml(String path) throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of(path))) {
			return new Yaml(new LoaderOptions()).load(reader);
		}
	}

	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).as("key '%s'", key).containsKey(key);
		return cast(parent.get(key));
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		return (value != null) ? (List<Object>) value : List.of();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

}
