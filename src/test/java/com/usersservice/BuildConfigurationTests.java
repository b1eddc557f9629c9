package com.usersservice;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import org.springframework.boot.loader.tools.MainClassFinder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What pom.xml promises about the build's plugins, read from the file: one exec-maven-plugin version, and the
 * Liquibase Maven plugin's class path without liquibase-commercial (the offline SQL ITs prove the goals still work);
 * and the one application the Boot plugin's test-run goal can start.
 */
class BuildConfigurationTests {

	private static Document pom;

	@BeforeAll
	static void readPom() throws Exception {
		pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
	}

	/**
	 * {@code ./mvnw spring-boot:test-run} (the README's first command) starts the one application among the test
	 * classes, chosen the way Boot's plugin chooses it: a second class with {@code public static void main} fails it.
	 */
	@Test
	void springBootTestRunFindsExactlyOneApplicationAmongTheTestClasses() throws IOException {
		assertThat(MainClassFinder.findSingleMainClass(new File("target/test-classes"),
				"org.springframework.boot.autoconfigure.SpringBootApplication"))
			.isEqualTo(TestUsersServiceApplication.class.getName());
	}

	@Test
	void everyUseOfExecMavenPluginTakesTheOnePinnedVersion() {
		List<Element> uses = plugins("exec-maven-plugin");
		assertThat(uses).as("the main build's and the autogenerate profile's").hasSizeGreaterThanOrEqualTo(3);
		List<String> versions = new ArrayList<>();
		for (Element plugin : uses) {
			String version = child(plugin, "version");
			boolean managed = "pluginManagement".equals(plugin.getParentNode().getParentNode().getNodeName());
			if (managed) {
				assertThat(version).isEqualTo("${exec-maven-plugin.version}");
			}
			else {
				versions.add(version);
			}
		}
		assertThat(versions).as("uses outside pluginManagement name no version of their own").containsOnly("");
		assertThat(property("exec-maven-plugin.version")).matches("\\d+\\.\\d+\\.\\d+");
	}

	@Test
	void theLiquibasePluginRunsWithoutLiquibaseCommercial() {
		List<Element> plugins = plugins("liquibase-maven-plugin");
		Element main = plugins.stream()
			.filter((plugin) -> !child(plugin, "version").isEmpty())
			.findFirst()
			.orElseThrow();
		List<Element> overrides = new ArrayList<>();
		NodeList dependencies = main.getElementsByTagName("dependency");
		for (int i = 0; i < dependencies.getLength(); i++) {
			Element dependency = (Element) dependencies.item(i);
			if ("liquibase-commercial".equals(child(dependency, "artifactId"))) {
				overrides.add(dependency);
			}
		}
		assertThat(overrides).singleElement().satisfies((dependency) -> {
			assertThat(child(dependency, "scope")).isEqualTo("system");
			assertThat(child(dependency, "systemPath")).isEqualTo("${java.home}/lib/jrt-fs.jar");
		});
	}

	private static List<Element> plugins(String artifactId) {
		List<Element> found = new ArrayList<>();
		NodeList plugins = pom.getElementsByTagName("plugin");
		for (int i = 0; i < plugins.getLength(); i++) {
			Element plugin = (Element) plugins.item(i);
			if (artifactId.equals(child(plugin, "artifactId"))) {
				found.add(plugin);
			}
		}
		return found;
	}

	private static String property(String name) {
		return pom.getElementsByTagName(name).item(0).getTextContent().strip();
	}

	/** The text of a direct child element, or "" when there is none. */
	private static String child(Element parent, String name) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				return element.getTextContent().strip();
			}
		}
		return "";
	}

}
