package com.usersservice.migration;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import com.usersservice.migration.compat.ContractChangesets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./mvnw liquibase:updateSQL -Denv=<env>} must select the changesets the service's own profile selects: the
 * contexts in liquibase/<env>.properties are those of application-<env>.yml. Offline scripts are prod scripts. Like
 * the service outside the contract step, every script leaves the changesets labelled contract pending.
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

	@ParameterizedTest
	@ValueSource(strings = { "dev", "test", "prod", "offline" })
	void scriptsLeaveTheContractChangesetsForTheContractStepAsTheServiceDoes(String target) throws IOException {
		assertThat(plugin(target).getProperty("labelFilter")).as("liquibase/%s.properties labelFilter", target)
			.isEqualTo(ContractChangesets.excluding(""));
	}

	private static String pluginContexts(String target) throws IOException {
		return plugin(target).getProperty("contexts");
	}

	private static Properties plugin(String target) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of("liquibase", target + ".properties"))) {
			properties.load(reader);
		}
		return properties;
	}

	private static String profileContexts(String env) {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new FileSystemResource("application-" + env + ".yml"));
		return yaml.getObject().getProperty("spring.liquibase.contexts");
	}

}
