package com.usersservice.release;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;

/**
 * Users written through a release's own API by concurrent clients, as its users would have written them: names at
 * the maximum length (100 characters, ASCII and CJK, and 100 UTF-16 units of emoji), accented names, and
 * mixed-case e-mails. Keeps what each 201 acknowledged, by id.
 */
final class Population {

	static final int NAME_MAX = 100;

	private Population() {
	}

	/** Creates {@code count} users with {@code clients} concurrent clients; fails on the first answer that is not 201. */
	static Map<Long, Written> write(UsersApi api, int count, int clients) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<Written>> created = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int n = i;
				created.add(pool.submit(() -> create(api, name(n), email(n))));
			}
			Map<Long, Written> written = new TreeMap<>();
			for (Future<Written> future : created) {
				Written user = future.get();
				written.put(user.id(), user);
			}
			return written;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static Written create(UsersApi api, String name, String email) {
		UsersApi.Answer answer = api.create(name, email);
		if (answer.status() != 201) {
			throw new AssertionError("POST /users " + name + " <" + email + ">: " + answer);
		}
		Written user = Written.of(answer.json());
		if (!user.name().equals(name) || !user.email().equals(email)) {
			throw new AssertionError("POST /users answered " + answer.body() + " for " + name + " <" + email + ">");
		}
		return user;
	}

	static String name(int n) {
		return switch (n % 5) {
			case 0 -> pad("Ada Lovelace " + n + " ", "x");
			case 1 -> pad("用户" + n, "漢");
			case 2 -> pad(n + " ", "😀");
			case 3 -> "Zoë Ångström-Müller Ñúñez Çelik " + n;
			default -> "Grace Hopper " + n;
		};
	}

	/** Unique ignoring case (the API compares e-mails case-insensitively), and in mixed case every other user. */
	static String email(int n) {
		return (n % 2 == 0) ? "Ada.Lovelace+" + n + "@Example.COM" : "grace.hopper." + n + "@example.org";
	}

	/** {@code prefix} filled with {@code fill} up to NAME_MAX UTF-16 units, what the API's {@code @Size} counts. */
	private static String pad(String prefix, String fill) {
		StringBuilder name = new StringBuilder(prefix);
		while (name.length() + fill.length() <= NAME_MAX) {
			name.append(fill);
		}
		while (name.length() < NAME_MAX) {
			name.append('.');
		}
		return name.toString();
	}

	/** A user as an answer of the API showed it. */
	record Written(long id, String name, String email, Instant createdAt) {

		static Written of(JsonNode user) {
			return new Written(user.get("id").asLong(), user.get("name").asString(), user.get("email").asString(),
					Instant.parse(user.get("createdAt").asString()));
		}

	}

}
