package com.usersservice.migration;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./mvnw liquibase:updateSQL -Denv=<env>} must select the changesets the service's own profile selects: the
 * contexts in liquibase/<env>.properties are those of application-<env>.yml. Offline scripts are prod scripts.
 */
class PluginContextsTest {

	@ParameterizedTest
	@ValueSource(strings = { "dev", "test", "prod" })
	void eachEnvironmentUsesItsProfileContexts(String env) throws IOException {
		assertThat(pluginContexts(env)).as("liquibase/%s.properties contexts", env)
			.isEqualTo(profileContexts(env));
	}

	@Test
	void offlineScriptsUseTheProdContexts() throws IOException {
		assertThat(pluginContexts("offline")).isEqualTo(profileContexts("prod"));
	}

	private static String pluginContexts(String target) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of("liquibase", target + ".properties"))) {
			properties.load(reader);
		}
		return properties.getProperty("contexts");
	}

	private static String profileContexts(String env) {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new FileSystemResource("application-" + env + ".yml"));
		return yaml.getObject().getProperty("spring.liquibase.contexts");
	}

}
