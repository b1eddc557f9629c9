package com.usersservice.migration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

	// static: a post-processor must exist before the beans it post-processes, this configuration included.
	@Bean
	static MigrationGate migrationGate(Environment environment) {
		return new MigrationGate(environment);
	}

}
