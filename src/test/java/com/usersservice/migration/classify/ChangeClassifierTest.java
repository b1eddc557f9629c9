package com.usersservice.migration.classify;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.ChangeFactory;
import liquibase.change.core.DeleteDataChange;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

import com.usersservice.migration.OfflineChangelogs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every change type Liquibase registers has exactly one rule, so the guard, the lint and the script header, which all
 * ask {@link ChangeClassifier}, judge each the same way; a type that Liquibase adds (or an extension brings) without a
 * rule fails this test, and until it has one it counts as destructive.
 */
class ChangeClassifierTest {

	@Test
	void everyChangeTypeLiquibaseRegistersHasExactlyOneRule() {
		SortedSet<String> registered = Scope.getCurrentScope().getSingleton(ChangeFactory.class).getDefinedChanges();
		assertThat(registered).as("Liquibase's change factory").contains("sql", "dropColumn", "delete");
		Map<String, ChangeRule> rules = new TreeMap<>();
		registered.forEach((type) -> rules.put(type, ChangeRule.of(type)));
		assertThat(rules).as("change types without a rule (add each to ChangeRule.BY_TYPE)").doesNotContainValue(null);
		assertThat(registered).as("rules for change types Liquibase does not register")
			.containsAll(ChangeRule.BY_TYPE.keySet());
	}

	@Test
	void eachRuleGivesItsVerdictToADefaultChangeOfItsType() throws Exception {
		Database database = OfflineChangelogs.postgresql(new ClassLoaderResourceAccessor());
		ChangeFactory factory = Scope.getCurrentScope().getSingleton(ChangeFactory.class);
		for (String type : factory.getDefinedChanges()) {
			Change change = factory.create(type);
			ChangeVerdict verdict = classify(database, change).changes().get(0);
			assertThat(verdict.type()).isEqualTo(type);
			Verdict expected = switch (ChangeRule.of(type)) {
				case ADDITIVE -> Verdict.SAFE;
				case DESTROYS, TYPE_CHANGE -> Verdict.DESTRUCTIVE;
				case OPAQUE -> Verdict.REVIEW;
			};
			assertThat(verdict.verdict()).as(type).isEqualTo(expected);
		}
	}

	@Test
	void aDeleteIsDestructiveAndSaysWhatItDeletes() throws Exception {
		DeleteDataChange delete = new DeleteDataChange();
		delete.setTableName("users");
		delete.setWhere("id < 0");
		Classification classification = classify(OfflineChangelogs.postgresql(new ClassLoaderResourceAccessor()),
				delete);
		assertThat(classification.destructiveReasons()).containsExactly("deletes rows of users where id < 0");
		assertThat(classification.needsApproval()).isTrue();
	}

	@Test
	void rawSqlIsForReviewUnlessAStatementDestroys() throws Exception {
		Database database = OfflineChangelogs.postgresql(new ClassLoaderResourceAccessor());
		assertThat(classify(database, new RawSQLChange("UPDATE users SET name = upper(name)")).changes().get(0).verdict())
			.isEqualTo(Verdict.REVIEW);
		assertThat(classify(database, new RawSQLChange("DELETE FROM users")).destructiveReasons())
			.containsExactly("runs SQL: DELETE FROM users");
	}

	@Test
	void aChangeTypeWithoutARuleCountsAsDestructive() throws Exception {
		Change unknown = new RawSQLChange("SELECT 1");
		ChangeVerdict verdict = new DestructiveChanges(OfflineChangelogs.postgresql(new ClassLoaderResourceAccessor()),
				new ColumnTypes())
			.judge(unknown, "someExtensionChange", null);
		assertThat(verdict.verdict()).isEqualTo(Verdict.DESTRUCTIVE);
		assertThat(verdict.reason()).isEqualTo("is a someExtensionChange change, which this build has no rule for");
		assertThat(verdict.opaque()).isTrue();
	}

	private static Classification classify(Database database, Change change) {
		ChangeSet changeSet = new ChangeSet("one", "tests", false, false, "db/fixtures/one.yaml", null, null, null);
		changeSet.addChange(change);
		return new ChangeClassifier(database, (creator, candidate) -> false).classify(changeSet);
	}

}
