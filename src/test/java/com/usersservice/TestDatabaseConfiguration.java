package com.usersservice;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Points the application at the test JVM's shared PostgreSQL ({@link TestPostgres}): through {@code @ServiceConnection}
 * when it is a Testcontainers container, through {@link JdbcConnectionDetails} when it is embedded.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

	// The container outlives every context that uses it: it is stopped with the JVM, not with a context.
	@Bean(destroyMethod = "")
	@ServiceConnection
	@Conditional(DockerEngine.class)
	PostgreSQLContainer postgresContainer() {
		return TestPostgres.container();
	}

	@Bean
	@Conditional(NoDockerEngine.class)
	JdbcConnectionDetails embeddedPostgres() {
		String url = TestPostgres.jdbcUrl();
		String username = TestPostgres.username();
		String password = TestPostgres.password();
		return new JdbcConnectionDetails() {

			@Override
			public String getJdbcUrl() {
				return url;
			}

			@Override
			public String getUsername() {
				return username;
			}

			@Override
			public String getPassword() {
				return password;
			}

		};
	}

	static class DockerEngine implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return TestPostgres.container() != null;
		}

	}

	static class NoDockerEngine implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return TestPostgres.container() == null;
		}

	}

}
