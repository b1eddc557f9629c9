package com.usersservice.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.JsonNode;

/**
 * A steady load on the processes in service: {@code clients} threads, each sending one request every
 * {@code clients / rate} seconds to a process picked at random among those routed to (as a Service spreads
 * connections over ready pods). Creates (20 %), updates (30 %) and reads (40 % one user, 10 % a page), each client on
 * the users it created, so that it knows the last value it was acknowledged.
 */
final class FleetLoad {

	private final LoadRecord record = new LoadRecord();

	private final List<Thread> threads = new ArrayList<>();

	private final long intervalNanos;

	private final AtomicLong written = new AtomicLong();

	private final List<List<TrackedUser>> owned = new ArrayList<>();

	private final Object routing = new Object();

	private List<Target> targets = List.of();

	private volatile boolean running = true;

	FleetLoad(int clients, int rate) {
		this.intervalNanos = Duration.ofSeconds(clients).toNanos() / rate;
		for (int i = 0; i < clients; i++) {
			List<TrackedUser> users = new ArrayList<>();
			this.owned.add(users);
			int client = i;
			this.threads.add(new Thread(() -> run(client, users), "fleet-client-" + i));
		}
	}

	LoadRecord record() {
		return this.record;
	}

	void start(String phase) {
		this.record.phase(phase);
		this.threads.forEach(Thread::start);
	}

	void route(Target target) {
		synchronized (this.routing) {
			List<Target> next = new ArrayList<>(this.targets);
			next.add(target);
			this.targets = List.copyOf(next);
		}
	}

	/** Takes the target out of service and waits until its requests in flight are answered. */
	void unroute(Target target) {
		synchronized (this.routing) {
			List<Target> next = new ArrayList<>(this.targets);
			next.remove(target);
			this.targets = List.copyOf(next);
		}
		while (target.inFlight.get() > 0) {
			LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
		}
	}

	void stop() throws InterruptedException {
		if (!this.running) {
			return;
		}
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join();
		}
		this.record.end();
	}

	/** Reads every user back through {@code api}: each must show the last value a release acknowledged. */
	long verify(UsersApi api) {
		long checked = 0;
		for (List<TrackedUser> users : this.owned) {
			for (TrackedUser user : users) {
				UsersApi.Answer answer = api.get(user.id());
				checked++;
				if (answer.status() != 200 || !user.accepts(value(answer.json()))) {
					this.record.lost(user.acknowledgedBy(), "user " + user.id() + " should be " + user.last()
							+ ", reads " + answer);
				}
			}
		}
		return checked;
	}

	private void run(int client, List<TrackedUser> users) {
		long next = System.nanoTime();
		while (this.running) {
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			// Behind schedule (a stalled answer): carry on from now rather than sending a burst.
			next = Math.max(next + this.intervalNanos, System.nanoTime());
			Target target = pick();
			if (target == null) {
				continue;
			}
			try {
				request(client, users, target);
			}
			finally {
				target.inFlight.decrementAndGet();
			}
		}
	}

	private Target pick() {
		synchronized (this.routing) {
			if (this.targets.isEmpty()) {
				return null;
			}
			Target target = this.targets.get(ThreadLocalRandom.current().nextInt(this.targets.size()));
			target.inFlight.incrementAndGet();
			return target;
		}
	}

	private void request(int client, List<TrackedUser> users, Target target) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		LoadRecord.Phase phase = this.record.current();
		int dice = random.nextInt(100);
		long n = this.written.incrementAndGet();
		TrackedUser.Value value = new TrackedUser.Value(Population.name((int) n),
				"Client" + client + ".Write" + n + "@Example.org");
		if (users.isEmpty() || dice < 20) {
			UsersApi.Answer answer = target.api.create(value.name(), value.email());
			this.record.answered(phase, target.release, "POST /users", answer);
			if (answer.status() == 201) {
				users.add(new TrackedUser(answer.json().get("id").asLong(), value, target.release));
			}
			else if (!answer.serverError()) {
				this.record.unexpected(target.release, "POST /users", answer.toString());
			}
			return;
		}
		TrackedUser user = users.get(random.nextInt(users.size()));
		if (dice < 50) {
			UsersApi.Answer answer = target.api.update(user.id(), value.name(), value.email());
			this.record.answered(phase, target.release, "PUT /users/" + user.id(), answer);
			if (answer.status() == 200) {
				user.acknowledged(value, target.release);
			}
			else if (answer.serverError()) {
				user.unanswered(value);
			}
			else {
				this.record.unexpected(target.release, "PUT /users/" + user.id(), answer.toString());
			}
		}
		else if (dice < 90) {
			UsersApi.Answer answer = target.api.get(user.id());
			this.record.answered(phase, target.release, "GET /users/" + user.id(), answer);
			if (!answer.serverError() && (answer.status() != 200 || !user.accepts(value(answer.json())))) {
				this.record.unexpected(target.release, "GET /users/" + user.id(),
						"expected " + user.last() + ", read " + answer);
			}
		}
		else {
			UsersApi.Answer answer = target.api.page(user.id() - 1, 20);
			this.record.answered(phase, target.release, "GET /users?after=" + (user.id() - 1), answer);
			if (!answer.serverError() && answer.status() != 200) {
				this.record.unexpected(target.release, "GET /users", answer.toString());
			}
		}
	}

	private static TrackedUser.Value value(JsonNode user) {
		return new TrackedUser.Value(user.get("name").asString(), user.get("email").asString());
	}

	/** One process in service: the release it runs and its API. */
	static final class Target {

		private final String release;

		private final UsersApi api;

		private final AtomicLong inFlight = new AtomicLong();

		Target(String release, UsersApi api) {
			this.release = release;
			this.api = api;
		}

	}

}
