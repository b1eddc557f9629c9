package com.usersservice;

import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Tests start many applications in one JVM. Boot publishes the log format as system properties and never overwrites
 * one that is set, so a prod-profile application (JSON logs) would turn every later one's log into JSON too. Each
 * application starting in a test JVM gets the format its own profile asks for. Registered in the test classpath's
 * META-INF/spring.factories only; a real process starts one application.
 */
public class FreshLoggingFormat implements ApplicationListener<ApplicationStartingEvent> {

	@Override
	public void onApplicationEvent(ApplicationStartingEvent event) {
		System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
		System.clearProperty("FILE_LOG_STRUCTURED_FORMAT");
	}

}
