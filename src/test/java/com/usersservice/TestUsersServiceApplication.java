package com.usersservice;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./mvnw spring-boot:test-run}: the service in the dev profile (seed users included) on a PostgreSQL it
 * starts itself, so a machine with only a JDK can run it.
 */
public class TestUsersServiceApplication {

	public static void main(String[] args) {
		SpringApplication.from(UsersServiceApplication::main).with(TestDatabaseConfiguration.class).run(args);
	}

}
