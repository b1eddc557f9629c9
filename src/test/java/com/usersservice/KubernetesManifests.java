package com.usersservice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Reads Kubernetes manifests into fabric8's typed model of the Kubernetes API, as strictly as the API server would: a
 * field the model does not know (a misspelling) or a value of the wrong type fails, where fabric8's own reader would
 * keep it in the object's {@code additionalProperties} and carry on.
 */
final class KubernetesManifests {

	/** apiVersion/kind → model class: the kinds deploy/k8s/ uses. A new kind must be added here to be checked. */
	private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("apps/v1/Deployment",
			Deployment.class, "batch/v1/Job", Job.class, "v1/Service", Service.class, "v1/Secret", Secret.class,
			"policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private static final ObjectMapper STRICT = strictMapper();

	private KubernetesManifests() {
	}

	/** Every document of the file, each as its kind's model class. */
	static List<HasMetadata> read(Path file) throws IOException {
		return parse(Files.readString(file));
	}

	static List<HasMetadata> parse(String yaml) throws IOException {
		List<HasMetadata> resources = new ArrayList<>();
		try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
			while (documents.hasNext()) {
				JsonNode document = documents.next();
				if (document == null || document.isNull() || document.isMissingNode()) {
					continue;
				}
				String kind = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
				Class<? extends HasMetadata> type = KINDS.get(kind);
				if (type == null) {
					throw new IllegalArgumentException("Unknown apiVersion/kind " + kind + " (known: " + KINDS.keySet()
							+ ")");
				}
				resources.add(STRICT.treeToValue(document, type));
			}
		}
		return resources;
	}

	static <T extends HasMetadata> T only(Path file, Class<T> type) throws IOException {
		List<HasMetadata> resources = read(file);
		if (resources.size() != 1 || !type.isInstance(resources.get(0))) {
			throw new IllegalStateException(file + " should hold one " + type.getSimpleName() + ": " + resources);
		}
		return type.cast(resources.get(0));
	}

	private static ObjectMapper strictMapper() {
		SimpleModule noAdditionalProperties = new SimpleModule("no-additional-properties");
		noAdditionalProperties.setDeserializerModifier(new BeanDeserializerModifier() {

			// fabric8's models collect unknown fields with @JsonAnySetter: without it, an unknown field is an error.
			@Override
			public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
					BeanDeserializerBuilder builder) {
				builder.setAnySetter(null);
				builder.setIgnoreUnknownProperties(false);
				return builder;
			}

		});
		ObjectMapper mapper = JsonMapper.builder()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.addModule(noAdditionalProperties)
			.build();
		// The API server refuses `value: 8080` for a string field and `runAsNonRoot: "true"` for a boolean.
		for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
				CoercionInputShape.Boolean)) {
			mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
		}
		return mapper;
	}

}
