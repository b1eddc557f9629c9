package com.usersservice;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What can be checked of the container and Kubernetes files without a Docker engine or a cluster: the Kubernetes
 * manifests against Kubernetes' own object model (fabric8's, unknown fields rejected), and the settings the operations
 * contract depends on (ports on loopback, health-gated start order, the migration run once before pods that only
 * validate, probes on the management port, credentials from a Secret, one image reference everywhere).
 */
class DeploymentFilesTests {

	private static final Path K8S = Path.of("deploy/k8s");

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
	void envExampleListsExactlyTheVariablesTheComposeFileReadsAndEnvIsIgnored() throws IOException {
		Set<String> read = new TreeSet<>();
		Matcher variable = COMPOSE_VARIABLE.matcher(Files.readString(Path.of("docker-compose.yml")));
		while (variable.find()) {
			read.add(variable.group(1));
		}
		Set<String> listed = new TreeSet<>();
		for (String line : Files.readAllLines(Path.of(".env.example"))) {
			if (!line.isBlank() && !line.startsWith("#")) {
				listed.add(line.substring(0, line.indexOf('=')));
			}
		}
		assertThat(listed).as(".env.example against what docker-compose.yml reads").isEqualTo(read);
		assertThat(read).as("the init script's credentials reach compose's PostgreSQL")
			.contains("DEV_DATABASE_USERNAME", "DEV_DATABASE_PASSWORD", "TEST_DATABASE_USERNAME",
					"TEST_DATABASE_PASSWORD");
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
	void everyKubernetesManifestIsValidAgainstKubernetesOwnObjectModel() throws IOException {
		List<Path> manifests;
		try (Stream<Path> files = Files.list(K8S)) {
			manifests = files.filter((file) -> file.toString().endsWith(".yaml")).sorted().toList();
		}
		assertThat(manifests).hasSizeGreaterThanOrEqualTo(5);
		for (Path manifest : manifests) {
			assertThat(KubernetesManifests.read(manifest)).as("the documents of %s", manifest).isNotEmpty();
		}
	}

	@Test
	void aMisspeltFieldOrAValueOfTheWrongTypeFailsTheCheck() {
		String misspelt = """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: users-service
				spec:
				  replica: 2
				""";
		assertThatThrownBy(() -> KubernetesManifests.parse(misspelt)).isInstanceOf(IOException.class)
			.hasMessageContaining("Unrecognized field \"replica\"")
			.hasMessageContaining("DeploymentSpec");
		String deepInAContainer = """
				apiVersion: batch/v1
				kind: Job
				metadata:
				  generateName: users-service-migrate-
				spec:
				  template:
				    spec:
				      containers:
				        - name: migrate
				          image: registry.example.com/users-service:0.1.0
				          imagePulPolicy: Always
				""";
		assertThatThrownBy(() -> KubernetesManifests.parse(deepInAContainer))
			.hasMessageContaining("Unrecognized field \"imagePulPolicy\"")
			.hasMessageContaining("Container");
		String numberForAString = """
				apiVersion: v1
				kind: Secret
				metadata:
				  name: users-service
				stringData:
				  SERVER_PORT: 8080
				""";
		assertThatThrownBy(() -> KubernetesManifests.parse(numberForAString)).isInstanceOf(IOException.class);
	}

	@Test
	void kubernetesRunsTheMigrationAsAJobAndPodsThatOnlyValidate() throws IOException {
		Job job = KubernetesManifests.only(K8S.resolve("migrate-job.yaml"), Job.class);
		assertThat(job.getMetadata().getName()).as("a fixed name collides with the previous release's Job").isNull();
		assertThat(job.getMetadata().getGenerateName()).isEqualTo("users-service-migrate-");
		assertThat(job.getSpec().getTtlSecondsAfterFinished()).as("finished Jobs are cleaned up").isPositive();
		PodSpec jobPod = job.getSpec().getTemplate().getSpec();
		assertThat(jobPod.getRestartPolicy()).isEqualTo("Never");
		Container migrate = container(jobPod);
		assertThat(env(migrate)).containsEntry("MIGRATION_MODE", "migrate-only");
		assertRequestsAndSecret(migrate);

		Deployment deployment = KubernetesManifests.only(K8S.resolve("deployment.yaml"), Deployment.class);
		PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		Container app = container(pod);
		assertThat(env(app)).containsEntry("MIGRATION_MODE", "validate")
			.containsEntry("MANAGEMENT_PORT", "8081")
			.containsEntry("API_AUTH", "jwt");
		assertRequestsAndSecret(app);
		assertThat(app.getPorts()).anySatisfy((port) -> {
			assertThat(port.getName()).isEqualTo("management");
			assertThat(port.getContainerPort()).isEqualTo(8081);
		});
		for (Probe probe : List.of(app.getStartupProbe(), app.getLivenessProbe(), app.getReadinessProbe())) {
			assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
			assertThat(probe.getHttpGet().getPath()).startsWith("/actuator/health/");
		}
		assertThat(app.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
	}

	/**
	 * deploy/k8s/background/deployment.yaml, the variant whose pods migrate on boot in background mode: no probe waits
	 * for the migration (startup and liveness probes read liveness, which is up while it runs), readiness takes the
	 * pod out until the schema is current, the rollout waits as long as the deadline allows, and SIGTERM has the time
	 * it needs to cancel the running statement.
	 */
	@Test
	void backgroundPodsMigrateOnBootAndNoProbeOutwaitsTheMigration() throws IOException {
		Deployment deployment = KubernetesManifests.only(K8S.resolve("background/deployment.yaml"), Deployment.class);
		PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		Container app = container(pod);
		assertThat(env(app)).containsEntry("MIGRATION_MODE", "background")
			.containsEntry("SPRING_PROFILES_ACTIVE", "prod");
		Duration deadline = DurationStyle.detectAndParse(env(app).get("MIGRATION_DEADLINE"));
		for (Probe probe : List.of(app.getStartupProbe(), app.getLivenessProbe())) {
			assertThat(probe.getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
			assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
		}
		Probe startup = app.getStartupProbe();
		assertThat((long) startup.getPeriodSeconds() * startup.getFailureThreshold())
			.as("the startup probe covers the JVM's start only")
			.isLessThan(deadline.toSeconds());
		assertThat(app.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
		assertThat(app.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
		assertThat((long) deployment.getSpec().getProgressDeadlineSeconds()).as("a rollout waits for the migration")
			.isGreaterThan(deadline.toSeconds());
		assertThat(pod.getTerminationGracePeriodSeconds()).as("SIGTERM ends a migration within 30 s")
			.isGreaterThanOrEqualTo(30);
		assertThat(deployment.getSpec().getSelector().getMatchLabels())
			.containsEntry("app.kubernetes.io/component", "api")
			.containsEntry("app.kubernetes.io/name", "users-service");
		assertRequestsAndSecret(app);
	}

	@Test
	void aStoppingPodServesUntilItLeavesTheLoadBalancersAndFinishesWithinItsGracePeriod() throws IOException {
		Deployment deployment = KubernetesManifests.only(K8S.resolve("deployment.yaml"), Deployment.class);
		PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		Container app = container(pod);
		Probe readiness = app.getReadinessProbe();
		int readinessPeriod = readiness.getPeriodSeconds() * readiness.getFailureThreshold();
		assertThat(app.getLifecycle().getPreStop().getExec().getCommand())
			.as("preStop waits the readiness period before SIGTERM")
			.containsExactly("sleep", String.valueOf(readinessPeriod));
		int shutdownPhase = Integer
			.parseInt(env(app).get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE").replaceAll("s$", ""));
		assertThat(pod.getTerminationGracePeriodSeconds())
			.as("the grace period covers preStop and Boot's graceful shutdown, with time for the JVM to exit")
			.isGreaterThan((long) readinessPeriod + shutdownPhase);
	}

	@Test
	void aDisruptionBudgetKeepsAnApiPodUpDuringDrains() throws IOException {
		Deployment deployment = KubernetesManifests.only(K8S.resolve("deployment.yaml"), Deployment.class);
		PodDisruptionBudget budget = KubernetesManifests.only(K8S.resolve("pod-disruption-budget.yaml"),
				PodDisruptionBudget.class);
		assertThat(budget.getSpec().getSelector().getMatchLabels())
			.as("the budget selects exactly the Deployment's pods")
			.isEqualTo(deployment.getSpec().getSelector().getMatchLabels())
			.isEqualTo(deployment.getSpec().getTemplate().getMetadata().getLabels());
		assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1)
			.isLessThan(deployment.getSpec().getReplicas());
	}

	@Test
	void oneImageNameAndTagEverywhereWithTheRegistryAsAPlaceholder() throws IOException {
		String version = buildVersion().replaceAll("-SNAPSHOT$", "");
		String image = "registry.example.com/users-service:" + version;
		Deployment deployment = KubernetesManifests.only(K8S.resolve("deployment.yaml"), Deployment.class);
		Job job = KubernetesManifests.only(K8S.resolve("migrate-job.yaml"), Job.class);
		assertThat(container(deployment.getSpec().getTemplate().getSpec()).getImage()).isEqualTo(image);
		assertThat(container(job.getSpec().getTemplate().getSpec()).getImage()).isEqualTo(image);
		assertThat(map(yaml("docker-compose.yml"), "x-service")).containsEntry("image", image);
		assertThat(Files.readString(Path.of("Dockerfile"))).contains("docker build -t " + image + " .");
	}

	@Test
	void theExampleSecretHoldsOnlyContractVariables() throws IOException {
		Secret secret = KubernetesManifests.only(K8S.resolve("secret.example.yaml"), Secret.class);
		assertThat(secret.getStringData().keySet()).containsOnly("PROD_DATABASE_URL", "PROD_DATABASE_USERNAME",
				"PROD_DATABASE_PASSWORD", "PROD_MIGRATION_USERNAME", "PROD_MIGRATION_PASSWORD", "ACTUATOR_USERNAME",
				"ACTUATOR_PASSWORD", "JWT_JWK_SET_URI", "JWT_ISSUER", "JWT_AUDIENCE");
	}

	private static void assertRequestsAndSecret(Container container) {
		assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
		assertThat(container.getEnvFrom()).anySatisfy(
				(source) -> assertThat(source.getSecretRef().getName()).isEqualTo("users-service"));
	}

	private static Container container(PodSpec pod) {
		assertThat(pod.getContainers()).hasSize(1);
		return pod.getContainers().get(0);
	}

	private static Map<String, String> env(Container container) {
		Map<String, String> env = new LinkedHashMap<>();
		container.getEnv().forEach((variable) -> env.put(variable.getName(), variable.getValue()));
		return env;
	}

	/** The project version, as the build recorded it (META-INF/build-info.properties, spring-boot:build-info). */
	private static String buildVersion() throws IOException {
		Properties build = new Properties();
		try (InputStream in = DeploymentFilesTests.class.getResourceAsStream("/META-INF/build-info.properties")) {
			assertThat(in).as("META-INF/build-info.properties from the build").isNotNull();
			build.load(in);
		}
		return build.getProperty("build.version");
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
