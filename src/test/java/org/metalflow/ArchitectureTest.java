package org.metalflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of design.md section 2, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.metalflow");

    @Test
    void connectorsUseNeitherThePlatformNorSpringNorCamunda() {
        noClasses().that().resideInAPackage("org.metalflow.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.camunda..",
                        "org.slf4j..")
                .orShould().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "platform classes", c -> c.getPackageName().startsWith("org.metalflow")
                                && !c.getPackageName().startsWith("org.metalflow.connectors")))
                .check(CLASSES);
    }

    @Test
    void onlyWorkflowAndSecurityKnowTheEngine() {
        // security adapts the engine's identity service, the one user store of the API and the webapps
        noClasses().that().resideInAPackage("org.metalflow..")
                .and().resideOutsideOfPackages("org.metalflow.workflow..", "org.metalflow.security..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .check(CLASSES);
    }

    @Test
    void inventoryDoesNotDependOnTheConnectorsOrTheWorkflow() {
        noClasses().that().resideInAPackage("org.metalflow.inventory..")
                .should().dependOnClassesThat().resideInAnyPackage("org.metalflow.connectors..",
                        "org.metalflow.workflow..", "org.metalflow.bmc..", "org.metalflow.lab..")
                .check(CLASSES);
    }

    @Test
    void theAuditTrailIsALeafEveryCapabilityMayUse() {
        // audit records what the others do; depending on any of them (but the API helpers) would invite cycles
        noClasses().that().resideInAPackage("org.metalflow.audit..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "platform classes outside audit and api", c -> c.getPackageName().startsWith("org.metalflow")
                                && !c.getPackageName().startsWith("org.metalflow.audit")
                                && !c.getPackageName().startsWith("org.metalflow.api")))
                .orShould().dependOnClassesThat().resideInAPackage("org.camunda..")
                .check(CLASSES);
    }

    @Test
    void capabilitiesDependOnEachOtherWithoutCycles() {
        slices().matching("org.metalflow.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
