package com.usersservice;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layout of docs/migration-safety.md ("Where each concern lives") as rules: the migration component's
 * packages form layers that only reach down, with no cycles; the API and the migration component never meet.
 */
class LayoutTests {

	private static final String MIGRATION = "com.usersservice.migration";

	private static JavaClasses classes;

	@BeforeAll
	static void importMain() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("com.usersservice");
	}

	@Test
	void theMigrationPackagesHaveNoCycles() {
		slices().matching(MIGRATION + ".(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void theMigrationPackagesOnlyReachDown() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("wiring").definedBy(MIGRATION)
			.layer("report").definedBy(MIGRATION + ".report..")
			.layer("guard").definedBy(MIGRATION + ".guard..")
			.layer("script").definedBy(MIGRATION + ".script..")
			.layer("fastpath").definedBy(MIGRATION + ".fastpath..")
			.layer("observability").definedBy(MIGRATION + ".observability..")
			.layer("run").definedBy(MIGRATION + ".run..")
			.layer("compat").definedBy(MIGRATION + ".compat..")
			.layer("classify").definedBy(MIGRATION + ".classify..")
			.layer("changelog").definedBy(MIGRATION + ".changelog..")
			.layer("lock").definedBy(MIGRATION + ".lock..")
			.layer("failure").definedBy(MIGRATION + ".failure..")
			.whereLayer("wiring").mayNotBeAccessedByAnyLayer()
			.whereLayer("report").mayOnlyBeAccessedByLayers("wiring")
			.whereLayer("guard").mayOnlyBeAccessedByLayers("wiring")
			.whereLayer("script").mayNotBeAccessedByAnyLayer()
			.whereLayer("fastpath").mayOnlyBeAccessedByLayers("wiring", "report")
			.whereLayer("observability").mayOnlyBeAccessedByLayers("wiring")
			.whereLayer("run").mayOnlyBeAccessedByLayers("wiring", "report")
			.whereLayer("compat").mayOnlyBeAccessedByLayers("wiring", "report", "guard")
			.whereLayer("classify").mayOnlyBeAccessedByLayers("guard", "script", "compat")
			.whereLayer("changelog").mayOnlyBeAccessedByLayers("wiring", "report", "guard", "script", "fastpath",
					"observability", "run", "compat")
			.whereLayer("lock").mayOnlyBeAccessedByLayers("report")
			.check(classes);
	}

	@Test
	void theApiAndTheMigrationComponentNeverMeet() {
		noClasses().that().resideInAnyPackage("com.usersservice.user..", "com.usersservice.config..")
			.should().dependOnClassesThat().resideInAPackage(MIGRATION + "..")
			.check(classes);
		noClasses().that().resideInAPackage(MIGRATION + "..")
			.should().dependOnClassesThat().resideInAnyPackage("com.usersservice.user..")
			.check(classes);
	}

}
