package com.usersservice.migration.compat;

import liquibase.LabelExpression;
import liquibase.Labels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The label filters that keep contract changesets for the post-deploy step, combined with a configured filter. */
class ContractChangesetsTest {

	@Test
	void everyOtherModeLeavesContractChangesetsOutAndKeepsTheConfiguredFilter() {
		LabelExpression plain = new LabelExpression(ContractChangesets.excluding(null));
		assertThat(plain.matches(new Labels("contract"))).isFalse();
		assertThat(plain.matches(new Labels("approved-destructive"))).isTrue();
		assertThat(plain.matches(new Labels())).as("an unlabelled changeset").isTrue();

		LabelExpression combined = new LabelExpression(ContractChangesets.excluding("eu"));
		assertThat(combined.matches(new Labels("eu"))).isTrue();
		assertThat(combined.matches(new Labels("us"))).isFalse();
		assertThat(combined.matches(new Labels("eu,contract"))).isFalse();
	}

	@Test
	void theContractStepSelectsOnlyContractChangesetsOfTheConfiguredFilter() {
		LabelExpression only = new LabelExpression(ContractChangesets.only("eu"));
		assertThat(only.matches(new Labels("eu,contract"))).isTrue();
		assertThat(only.matches(new Labels("us,contract"))).isFalse();
		assertThat(only.matches(new Labels("eu"))).isFalse();
	}

	@Test
	void theConfiguredFilterIsRecoveredFromEither() {
		assertThat(ContractChangesets.configured(ContractChangesets.excluding("eu or us"))).isEqualTo("eu or us");
		assertThat(ContractChangesets.configured(ContractChangesets.only("eu or us"))).isEqualTo("eu or us");
		assertThat(ContractChangesets.configured(ContractChangesets.excluding(""))).isNull();
		assertThat(ContractChangesets.configured(ContractChangesets.only(null))).isNull();
		assertThat(ContractChangesets.configured("eu")).isEqualTo("eu");
	}

}
