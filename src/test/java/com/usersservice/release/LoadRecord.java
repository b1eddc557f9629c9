package com.usersservice.release;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the load saw, by phase (latency of every request, server errors) and by release (requests, server errors,
 * lost writes). A server error is a 5xx, or no answer at all from a process that was meant to be up.
 */
final class LoadRecord {

	private final Map<String, Phase> phases = new LinkedHashMap<>();

	private final Map<String, Counts> releases = new LinkedHashMap<>();

	private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

	private volatile Phase current;

	synchronized void phase(String name) {
		Phase phase = new Phase(name, System.nanoTime());
		Phase before = this.current;
		if (before != null) {
			before.end = phase.start;
		}
		this.phases.put(name, phase);
		this.current = phase;
	}

	synchronized void end() {
		this.current.end = System.nanoTime();
	}

	/** The phase a request starts in, the one its answer counts for. */
	Phase current() {
		return this.current;
	}

	void answered(Phase phase, String release, String request, UsersApi.Answer answer) {
		Counts counts = counts(release);
		synchronized (phase) {
			phase.latencies.add(answer.nanos());
			if (answer.serverError()) {
				phase.errors++;
			}
		}
		synchronized (counts) {
			counts.requests++;
			if (answer.serverError()) {
				counts.errors++;
			}
		}
		if (answer.serverError()) {
			problem(release + " " + request + ": " + answer);
		}
	}

	/** An answer that is not a server error but not what the API promises either (a stale read, a 4xx). */
	void unexpected(String release, String request, String what) {
		Counts counts = counts(release);
		synchronized (counts) {
			counts.unexpected++;
		}
		problem(release + " " + request + ": " + what);
	}

	void lost(String release, String what) {
		Counts counts = counts(release);
		synchronized (counts) {
			counts.lostWrites++;
		}
		problem("lost write acknowledged by " + release + ": " + what);
	}

	private void problem(String what) {
		if (this.problems.size() < 20) {
			this.problems.add(what);
		}
	}

	private synchronized Counts counts(String release) {
		return this.releases.computeIfAbsent(release, (key) -> new Counts());
	}

	synchronized List<MixedFleet.PhaseFigures> phases() {
		return this.phases.values().stream().map(Phase::figures).toList();
	}

	synchronized Map<String, MixedFleet.ReleaseFigures> releases() {
		Map<String, MixedFleet.ReleaseFigures> figures = new LinkedHashMap<>();
		this.releases.forEach((release, counts) -> figures.put(release, counts.figures()));
		return figures;
	}

	List<String> problems() {
		return List.copyOf(this.problems);
	}

	static final class Phase {

		private final String name;

		private final long start;

		private long end;

		private final List<Long> latencies = new ArrayList<>();

		private long errors;

		Phase(String name, long start) {
			this.name = name;
			this.start = start;
		}

		synchronized MixedFleet.PhaseFigures figures() {
			List<Long> sorted = new ArrayList<>(this.latencies);
			Collections.sort(sorted);
			return new MixedFleet.PhaseFigures(this.name, (this.end - this.start) / 1_000_000, sorted.size(),
					this.errors, percentile(sorted, 0.50), percentile(sorted, 0.99));
		}

		private static double percentile(List<Long> sorted, double rank) {
			if (sorted.isEmpty()) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(rank * sorted.size()) - 1;
			return sorted.get(Math.max(0, index)) / 1_000_000.0;
		}

	}

	private static final class Counts {

		private long requests;

		private long errors;

		private long unexpected;

		private long lostWrites;

		MixedFleet.ReleaseFigures figures() {
			return new MixedFleet.ReleaseFigures(this.requests, this.errors, this.unexpected, this.lostWrites);
		}

	}

}
