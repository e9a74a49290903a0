package org.metalflow.network;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The network package stands on api alone: machines refer to it, not it to them (ADR 0012). */
class NetworkDependenciesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.metalflow");

    @Test
    void networkDependsOnNoOtherCapability() {
        noClasses().that().resideInAPackage("org.metalflow.network..")
                .should().dependOnClassesThat().resideInAnyPackage("org.metalflow.inventory..",
                        "org.metalflow.workflow..", "org.metalflow.bmc..", "org.metalflow.lab..",
                        "org.metalflow.profile..", "org.metalflow.security..", "org.metalflow.connectors..",
                        "org.camunda..")
                .check(CLASSES);
    }
}
