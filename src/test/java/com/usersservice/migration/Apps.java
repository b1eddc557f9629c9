package com.usersservice.migration;

import java.util.ArrayList;
import java.util.List;

import com.usersservice.TestPostgres;
import com.usersservice.UsersServiceApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the whole service, test profile, on a database of the test's own, with extra settings. */
public final class Apps {

	private Apps() {
	}

	public static ConfigurableApplicationContext start(String url, String... settings) {
		List<String> args = new ArrayList<>(List.of("--spring.profiles.active=test", "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + TestPostgres.username(),
				"--spring.datasource.password=" + TestPostgres.password(), "--server.port=0",
				"--spring.main.banner-mode=off"));
		for (String setting : settings) {
			args.add("--" + setting);
		}
		return SpringApplication.run(UsersServiceApplication.class, args.toArray(new String[0]));
	}

	/**
	 * A fresh database migrated by the service itself in apply mode, so the history is exactly what it records: a copy
	 * of one such database per test JVM, which saves a start of the service per test.
	 */
	public static String migrated(String prefix) {
		return TestPostgres.copyDatabase(prefix, Migrated.URL);
	}

	/** Migrated on first use; nothing connects to it afterwards, so that it can be copied. */
	private static final class Migrated {

		static final String URL = migrate();

		private static String migrate() {
			String url = TestPostgres.createDatabase("migrated_by_the_service");
			start(url, "spring.main.web-application-type=none").close();
			return url;
		}

	}

}
