package com.usersservice.migration.script;

import java.util.ArrayList;
import java.util.List;

/**
 * The comment block at the top of a generated migration script: where it comes from, what it targets, and what a
 * DBA must review before applying it (see docs/dba-runbook.md, "Review").
 */
final class ScriptHeader {

	private final String source;

	private final String dialect;

	private final String environment;

	private final String contexts;

	private final List<String> changesets;

	private final ChangesetReview review;

	ScriptHeader(String source, String dialect, String environment, String contexts, List<String> changesets,
			ChangesetReview review) {
		this.source = source;
		this.dialect = dialect;
		this.environment = environment;
		this.contexts = contexts;
		this.changesets = List.copyOf(changesets);
		this.review = review;
	}

	List<String> lines() {
		List<String> lines = new ArrayList<>();
		lines.add("-- =====================================================================");
		lines.add("-- users-service migration script");
		lines.add("-- generated from: " + this.source);
		lines.add("-- dialect: " + this.dialect);
		lines.add("-- environment: " + this.environment);
		lines.add("-- contexts: " + this.contexts);
		section(lines, "changesets", this.changesets);
		section(lines, "destructive statements", this.review.destructive());
		section(lines, "raw SQL, review by hand", this.review.rawSql());
		section(lines, "cannot run inside a transaction", this.review.outsideTransaction());
		section(lines, "blocks writes to an existing table", this.review.blocking());
		section(lines, "fails as written", this.review.failing());
		lines.add(this.review.outsideTransaction().isEmpty()
				? "-- transaction: every statement can run inside one transaction (psql -1)"
				: "-- transaction: NOT every statement can run inside one transaction: do not apply with psql -1");
		lines.add("-- =====================================================================");
		return lines;
	}

	String text() {
		return String.join(System.lineSeparator(), lines()) + System.lineSeparator() + System.lineSeparator();
	}

	private static void section(List<String> lines, String title, List<String> entries) {
		if (entries.isEmpty()) {
			lines.add("-- " + title + ": none");
			return;
		}
		lines.add("-- " + title + ": " + entries.size());
		entries.forEach((entry) -> lines.add("--   " + entry));
	}

}
