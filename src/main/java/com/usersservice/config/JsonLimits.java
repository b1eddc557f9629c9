package com.usersservice.config;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a request body may be. A user is a few hundred bytes of JSON, so anything past {@link #MAX_DOCUMENT_BYTES}
 * is refused while it is read (413), chunked bodies included; a field given twice is ambiguous, and a number or a
 * boolean where text belongs is the wrong type: both are 400s rather than a silent guess.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimits {

	static final int MAX_DOCUMENT_BYTES = 64 * 1024;

	@Bean
	JsonFactoryBuilderCustomizer strictJsonFactory() {
		return (factory) -> factory.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(MAX_DOCUMENT_BYTES).build());
	}

	@Bean
	JsonMapperBuilderCustomizer noScalarsAsText() {
		return (mapper) -> mapper.withCoercionConfig(LogicalType.Textual,
				(text) -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
