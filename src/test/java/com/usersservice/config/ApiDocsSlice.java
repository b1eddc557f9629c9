package com.usersservice.config;

import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The service's OpenAPI description (/v3/api-docs) in a web slice test, which otherwise has neither springdoc nor
 * the service's completions of it, so that the slice's responses can be checked against it.
 */
@TestConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ SpringDocConfiguration.class, SpringDocConfigProperties.class,
		SpringDocWebMvcConfiguration.class })
@Import(ApiDocsConfiguration.class)
public class ApiDocsSlice {

}
