package com.usersservice.release;

import java.util.ArrayList;
import java.util.List;

/**
 * A user one load client created, and what the service acknowledged last about it. Only its own client writes it, so
 * the last acknowledged value is the one a read must find; a write that got no answer may or may not have happened,
 * so until the next acknowledged write either value is accepted.
 */
final class TrackedUser {

	private final long id;

	private final List<Value> acceptable = new ArrayList<>();

	private String acknowledgedBy;

	TrackedUser(long id, Value created, String release) {
		this.id = id;
		acknowledged(created, release);
	}

	long id() {
		return this.id;
	}

	synchronized void acknowledged(Value value, String release) {
		this.acceptable.clear();
		this.acceptable.add(value);
		this.acknowledgedBy = release;
	}

	/** A write without an answer: it may have happened. */
	synchronized void unanswered(Value value) {
		this.acceptable.add(value);
	}

	synchronized boolean accepts(Value value) {
		return this.acceptable.contains(value);
	}

	synchronized Value last() {
		return this.acceptable.get(0);
	}

	/** The release that acknowledged the last write: the one that lost it when a read does not find it. */
	synchronized String acknowledgedBy() {
		return this.acknowledgedBy;
	}

	record Value(String name, String email) {
	}

}
