package com.usersservice.migration.compat;

import java.util.List;

import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.exception.LiquibaseException;

import com.usersservice.migration.changelog.ChangelogHistory;
import com.usersservice.migration.changelog.ChangelogInspector;
import com.usersservice.migration.changelog.ChangesetKey;
import com.usersservice.migration.classify.ChangeLabels;

/**
 * Keeps the changesets labelled {@value ChangeLabels#CONTRACT} for the post-deploy step: every other mode runs with
 * the configured label filter and {@code !contract}, the contract step with it and {@code contract}. Liquibase runs an
 * unlabelled changeset whatever the filter, so the contract step first checks that nothing else is pending.
 */
public final class ContractChangesets {

	private static final String EXCLUDED = " and !" + ChangeLabels.CONTRACT;

	private static final String ONLY = " and " + ChangeLabels.CONTRACT;

	private ContractChangesets() {
	}

	/** The label filter of a run that leaves the contract changesets pending. */
	public static String excluding(String configured) {
		return blank(configured) ? "!" + ChangeLabels.CONTRACT : "(" + configured + ")" + EXCLUDED;
	}

	/** The label filter of the contract step. */
	public static String only(String configured) {
		return blank(configured) ? ChangeLabels.CONTRACT : "(" + configured + ")" + ONLY;
	}

	/** The filter as configured, from one that {@link #excluding} or {@link #only} made (or any other). */
	public static String configured(String filter) {
		if (filter == null || filter.equals("!" + ChangeLabels.CONTRACT) || filter.equals(ChangeLabels.CONTRACT)) {
			return null;
		}
		for (String suffix : List.of(EXCLUDED, ONLY)) {
			if (filter.startsWith("(") && filter.endsWith(")" + suffix)) {
				return filter.substring(1, filter.length() - suffix.length() - 1);
			}
		}
		return filter;
	}

	/** The pending changesets that await the contract step, {@code id (file)} in changelog order. */
	public static List<String> pending(ChangelogInspector inspector, Liquibase liquibase) throws LiquibaseException {
		return ChangelogHistory
			.read(liquibase.getDatabaseChangeLog(), liquibase.getDatabase(), inspector.contexts(),
					new LabelExpression(configured(inspector.labelFilter())))
			.pending()
			.stream()
			.filter((changeSet) -> ChangeLabels.has(changeSet, ChangeLabels.CONTRACT))
			.map((changeSet) -> ChangesetKey.of(changeSet).label())
			.toList();
	}

	/** The pending changesets that are not contract changesets, whatever the current filter. */
	public static List<String> pendingOthers(ChangelogInspector inspector, Liquibase liquibase)
			throws LiquibaseException {
		return ChangelogHistory
			.read(liquibase.getDatabaseChangeLog(), liquibase.getDatabase(), inspector.contexts(),
					new LabelExpression(excluding(configured(inspector.labelFilter()))))
			.pending()
			.stream()
			.filter((changeSet) -> !ChangeLabels.has(changeSet, ChangeLabels.CONTRACT))
			.map((changeSet) -> ChangesetKey.of(changeSet).label())
			.toList();
	}

	private static boolean blank(String filter) {
		return filter == null || filter.isBlank();
	}

}
