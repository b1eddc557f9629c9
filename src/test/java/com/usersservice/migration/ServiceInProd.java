package com.usersservice.migration;

import java.util.List;

import com.usersservice.UsersServiceApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.liquibase.actuate.endpoint.LiquibaseEndpoint;
import org.springframework.boot.liquibase.actuate.endpoint.LiquibaseEndpoint.ChangeSetDescriptor;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boots the service in the prod profile on a database, as {@code SPRING_PROFILES_ACTIVE=prod java -jar app.jar} would
 * (Liquibase applies what is pending), and returns what {@code /actuator/liquibase} reports. Prod does not expose
 * that endpoint over HTTP, so the endpoint is asked directly.
 */
final class ServiceInProd {

	private ServiceInProd() {
	}

	static List<ChangeSetDescriptor> boot(String url, String username, String password) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(UsersServiceApplication.class)
			.web(WebApplicationType.NONE)
			.profiles("prod")
			.run("--spring.datasource.url=" + url, "--spring.datasource.username=" + username,
					"--spring.datasource.password=" + password, "--ACTUATOR_USERNAME=offline-sql",
					"--ACTUATOR_PASSWORD=offline-sql")) {
			return new LiquibaseEndpoint(context).liquibaseBeans()
				.getContexts()
				.values()
				.stream()
				.flatMap((beans) -> beans.getLiquibaseBeans().values().stream())
				.flatMap((bean) -> bean.getChangeSets().stream())
				.toList();
		}
	}

}
