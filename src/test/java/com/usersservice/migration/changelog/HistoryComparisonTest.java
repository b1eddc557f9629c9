package com.usersservice.migration.changelog;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one comparison of a build's changesets with a history, case by case, without a database. */
class HistoryComparisonTest {

	private static final ChangesetKey ONE = new ChangesetKey("db/changes/one.yaml", "1", "team");

	private static final ChangesetKey TWO = new ChangesetKey("db/changes/two.yaml", "2", "team");

	@Test
	void aSelectedChangesetWithoutARowIsPendingAndOneWithARowIsApplied() {
		HistoryComparison comparison = HistoryComparison.of(List.of(known(ONE, true), known(TWO, true)),
				List.of(row(ONE, "9:a")));
		assertThat(comparison.applied()).containsExactly(ONE);
		assertThat(comparison.pending()).containsExactly(TWO);
		assertThat(comparison.unknown()).isEmpty();
		assertThat(comparison.mismatched()).isEmpty();
		assertThat(comparison.rerun()).isEmpty();
	}

	@Test
	void aChangesetThisRunDoesNotSelectIsNeitherPendingNorRequired() {
		HistoryComparison unselected = HistoryComparison.of(List.of(known(ONE, false)), List.of());
		assertThat(unselected.pending()).isEmpty();
		HistoryComparison recorded = HistoryComparison.of(List.of(known(ONE, false)), List.of(row(ONE, "9:a")));
		assertThat(recorded.notSelected()).containsExactly(ONE);
		assertThat(recorded.applied()).containsExactly(ONE);
	}

	@Test
	void aRowTheBuildDoesNotKnowIsUnknown() {
		HistoryComparison comparison = HistoryComparison.of(List.of(known(ONE, true)),
				List.of(row(ONE, "9:a"), row(TWO, "9:b")));
		assertThat(comparison.unknown()).containsExactly(TWO);
		assertThat(comparison.applied()).containsExactly(ONE);
	}

	@Test
	void anotherChecksumIsAMismatchUnlessTheChangesetRunsOnChange() {
		assertThat(HistoryComparison.of(List.of(known(ONE, true)), List.of(row(ONE, "9:edited"))).mismatched())
			.containsExactly(ONE);
		HistoryComparison onChange = HistoryComparison.of(
				List.of(new HistoryComparison.Known(ONE, true, false, true, "9:a"::equals)),
				List.of(row(ONE, "9:edited")));
		assertThat(onChange.mismatched()).isEmpty();
		assertThat(onChange.rerun()).containsExactly(ONE);
	}

	@Test
	void aRowWithoutAChecksumIsNoMismatchButNotDoneEither() {
		HistoryComparison comparison = HistoryComparison.of(List.of(known(ONE, true)),
				List.of(new HistoryComparison.Recorded(ONE, null, false)));
		assertThat(comparison.mismatched()).isEmpty();
		assertThat(comparison.notDone()).containsExactly(ONE);
	}

	@Test
	void aChangesetThatRunsEveryTimeIsRunAgainOnlyWhenSelected() {
		HistoryComparison selected = HistoryComparison.of(
				List.of(new HistoryComparison.Known(ONE, true, true, false, "9:a"::equals)), List.of(row(ONE, "9:a")));
		assertThat(selected.rerun()).containsExactly(ONE);
		HistoryComparison unselected = HistoryComparison.of(
				List.of(new HistoryComparison.Known(ONE, false, true, false, "9:a"::equals)),
				List.of(row(ONE, "9:a")));
		assertThat(unselected.rerun()).isEmpty();
	}

	@Test
	void keysMatchAsLiquibaseMatchesThem() {
		ChangesetKey classpath = new ChangesetKey("classpath:db/changes/one.yaml", "1", "Team");
		assertThat(classpath).isEqualTo(ONE).hasSameHashCodeAs(ONE);
		assertThat(classpath.toString()).isEqualTo("classpath:db/changes/one.yaml::1::Team");
		assertThat(ONE.label()).isEqualTo("1 (db/changes/one.yaml)");
		assertThat(classpath.file()).isEqualTo("classpath:db/changes/one.yaml");
		assertThat(classpath.id()).isEqualTo("1");
		assertThat(classpath.author()).isEqualTo("Team");
		assertThat(new ChangesetKey("db/changes/one.yaml", "2", "team")).isNotEqualTo(ONE);
	}

	private static HistoryComparison.Known known(ChangesetKey key, boolean selected) {
		return new HistoryComparison.Known(key, selected, false, false, "9:a"::equals);
	}

	private static HistoryComparison.Recorded row(ChangesetKey key, String checksum) {
		return new HistoryComparison.Recorded(key, checksum, true);
	}

}
