package com.usersservice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service started in this JVM the way an operator starts it: a profile plus variables. Unlike
 * {@code @SpringBootTest} it sees the variables before the environment post-processors run, as the real process
 * does, so the start-up checks of a profile apply.
 */
public final class RunningService implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningService(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts the service on random server and management ports with these variables (name=value). */
	public static RunningService start(String profile, Map<String, String> variables) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0"));
		variables.forEach((name, value) -> args.add("--" + name + "=" + value));
		return new RunningService(new SpringApplicationBuilder(UsersServiceApplication.class).profiles(profile)
			.run(args.toArray(String[]::new)));
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public String url(String path) {
		return "http://localhost:" + ((WebServerApplicationContext) this.context).getWebServer().getPort() + path;
	}

	public String managementUrl(String path) {
		return "http://localhost:" + this.context.getEnvironment().getProperty("local.management.port") + path;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
