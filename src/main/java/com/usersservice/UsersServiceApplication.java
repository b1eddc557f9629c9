package com.usersservice;

import com.usersservice.migration.MigrateAndExit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class UsersServiceApplication {

	public static void main(String[] args) {
		MigrateAndExit.exitIfDone(SpringApplication.run(UsersServiceApplication.class, args));
	}

}
