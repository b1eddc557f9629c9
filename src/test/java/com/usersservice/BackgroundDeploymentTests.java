package com.usersservice;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/k8s/background/deployment.yaml, the variant whose pods migrate on boot in background mode: no probe waits
 * for the migration (startup and liveness probes read liveness, which is up while it runs), readiness takes the pod
 * out until the schema is current, the rollout waits as long as the deadline allows, and SIGTERM has the time it
 * needs to cancel the running statement.
 */
class BackgroundDeploymentTests {

	private static final Path FILE = Path.of("deploy/k8s/background/deployment.yaml");

	@Test
	void podsMigrateInTheBackgroundAndNoProbeOutwaitsTheMigration() throws IOException {
		Map<String, Object> deployment = yaml();
		assertThat(deployment).containsEntry("apiVersion", "apps/v1").containsEntry("kind", "Deployment");
		Map<String, Object> spec = map(deployment, "spec");
		Map<String, Object> pod = map(map(spec, "template"), "spec");
		Map<String, Object> container = cast(list(pod, "containers").get(0));
		Map<String, String> env = env(container);
		assertThat(env).containsEntry("MIGRATION_MODE", "background").containsEntry("SPRING_PROFILES_ACTIVE", "prod");
		Duration deadline = DurationStyle.detectAndParse(env.get("MIGRATION_DEADLINE"));

		for (String probe : List.of("startupProbe", "livenessProbe")) {
			assertThat(map(map(container, probe), "httpGet")).as(probe)
				.containsEntry("path", "/actuator/health/liveness")
				.containsEntry("port", "management");
		}
		Map<String, Object> startup = map(container, "startupProbe");
		assertThat(seconds(startup, "periodSeconds") * seconds(startup, "failureThreshold"))
			.as("the startup probe covers the JVM's start only").isLessThan(deadline.toSeconds());
		assertThat(map(map(container, "readinessProbe"), "httpGet"))
			.containsEntry("path", "/actuator/health/readiness")
			.containsEntry("port", "management");

		assertThat(seconds(spec, "progressDeadlineSeconds")).as("a rollout waits for the migration")
			.isGreaterThan(deadline.toSeconds());
		assertThat(seconds(pod, "terminationGracePeriodSeconds")).as("SIGTERM ends a migration within 30 s")
			.isGreaterThanOrEqualTo(30);
		assertThat(map(map(spec, "selector"), "matchLabels")).containsEntry("app.kubernetes.io/component", "api")
			.containsEntry("app.kubernetes.io/name", "users-service");
		assertThat(list(container, "envFrom")).contains(Map.of("secretRef", Map.of("name", "users-service")));
	}

	private static long seconds(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return ((Number) parent.get(key)).longValue();
	}

	private static Map<String, String> env(Map<String, Object> container) {
		Map<String, String> env = new LinkedHashMap<>();
		for (Object entry : list(container, "env")) {
			Map<String, Object> variable = cast(entry);
			env.put(String.valueOf(variable.get("name")), String.valueOf(variable.get("value")));
		}
		return env;
	}

	private static Map<String, Object> yaml() throws IOException {
		try (Reader reader = Files.newBufferedReader(FILE)) {
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
