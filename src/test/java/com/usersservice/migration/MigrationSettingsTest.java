package com.usersservice.migration;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.usersservice.migration.failure.MigrationRefusedException;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@code users.migration.*} as the binder reads it, before the context exists and in it alike. */
class MigrationSettingsTest {

	@Test
	void defaultsWhenNothingIsSet() {
		MigrationSettings settings = MigrationSettings.bind(new MockEnvironment());
		assertThat(settings.mode()).isEqualTo(MigrationMode.APPLY);
		assertThat(settings.deadline()).isEqualTo(Duration.ofMinutes(30));
		assertThat(settings.guard().enabled()).isFalse();
		assertThat(settings.fastPath().enabled()).isTrue();
		assertThat(settings.readiness().downWhenUnknown()).isFalse();
		assertThat(settings.allowDestructive()).isEmpty();
	}

	@Test
	void readsEachModeAsOperatorsWriteIt() {
		for (MigrationMode mode : MigrationMode.values()) {
			assertThat(bind(MigrationSettings.MODE_PROPERTY, mode.value()).mode()).isEqualTo(mode);
		}
		assertThat(bind(MigrationSettings.MODE_PROPERTY, " Migrate-Only ").mode()).isEqualTo(MigrationMode.MIGRATE_ONLY);
		assertThat(bind(MigrationSettings.MODE_PROPERTY, "").mode()).as("MIGRATION_MODE= (empty)")
			.isEqualTo(MigrationMode.APPLY);
	}

	@Test
	void anUnknownModeIsRefusedWithTheAllowedValues() {
		assertThatExceptionOfType(MigrationRefusedException.class)
			.isThrownBy(() -> bind(MigrationSettings.MODE_PROPERTY, "migrate"))
			.withMessage("Unknown MIGRATION_MODE 'migrate'")
			.satisfies((ex) -> assertThat(ex.getAction())
				.isEqualTo("Set MIGRATION_MODE to one of apply, validate, migrate-only, drift-report, background, contract."));
	}

	@Test
	void theDeadlineIsASpringDuration() {
		assertThat(bind(MigrationSettings.DEADLINE_PROPERTY, "5s").deadline()).isEqualTo(Duration.ofSeconds(5));
		assertThat(bind(MigrationSettings.DEADLINE_PROPERTY, "2h").deadline()).isEqualTo(Duration.ofHours(2));
		assertThat(bind(MigrationSettings.DEADLINE_PROPERTY, "90000").deadline()).as("plain numbers are milliseconds")
			.isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void aDeadlineThatIsNoDurationLongerThanZeroIsRefused() {
		for (String value : new String[] { "soon", "0s", "-5m" }) {
			assertThatExceptionOfType(MigrationRefusedException.class)
				.isThrownBy(() -> bind(MigrationSettings.DEADLINE_PROPERTY, value))
				.withMessage("Invalid MIGRATION_DEADLINE '" + value + "'")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("30m"));
		}
	}

	@Test
	void anotherUnreadableSettingKeepsBootsOwnReport() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(MigrationSettings.GUARD_PROPERTY, "sometimes"))
			.isNotInstanceOf(MigrationRefusedException.class);
	}

	@Test
	void theOverrideNamesChangesetIdsOrLetsEveryOneThrough() {
		MigrationSettings named = bind(MigrationSettings.ALLOW_PROPERTY, " guard-2, guard-4 ,");
		assertThat(named.allowDestructive()).containsExactlyInAnyOrder("guard-2", "guard-4");
		assertThat(named.allowsDestructive("guard-4")).isTrue();
		assertThat(named.allowsDestructive("guard-3")).isFalse();
		assertThat(bind(MigrationSettings.ALLOW_PROPERTY, "true").allowsDestructive("anything")).isTrue();
	}

	@Test
	void theApplyingModesApplyAndTheServingModesServe() {
		assertThat(MigrationMode.values()).filteredOn(MigrationMode::applies)
			.containsExactly(MigrationMode.APPLY, MigrationMode.MIGRATE_ONLY, MigrationMode.BACKGROUND);
		assertThat(MigrationMode.values()).filteredOn(MigrationMode::serves)
			.containsExactly(MigrationMode.APPLY, MigrationMode.VALIDATE, MigrationMode.BACKGROUND);
	}

	@Test
	void aSettingsObjectMadeInCodeHasTheSameDefaults() {
		MigrationSettings settings = new MigrationSettings(null, null, null, null, null, null);
		assertThat(settings).isEqualTo(MigrationSettings.bind(new MockEnvironment()));
	}

	private static MigrationSettings bind(String property, String value) {
		return MigrationSettings.bind(new MockEnvironment().withProperty(property, value));
	}

}
