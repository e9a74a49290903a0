package org.metalflow.connectors.redfish;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the captured Redfish mockups at test time; they are never copied into the project. */
final class Mockups {

    static final String RACKMOUNT = "dmtf-public-rackmount1";
    static final String BLADED = "dmtf-public-bladed";
    static final String DELL = "dell-idrac9-poweredge-r750";
    static final String HPE = "hpe-ilo5-proliant-dl385-gen10plus-v2";

    private Mockups() {
    }

    /** The directory of one mockup; skips the test (or fails it on CI) when the mockups are not there. */
    static Path mockup(String name) {
        Path dir = root().resolve(name);
        require(Files.isDirectory(dir.resolve("redfish/v1")), "mockup " + dir + " has no redfish/v1 tree");
        return dir;
    }

    static Path root() {
        String configured = System.getenv("METALFLOW_MOCKUPS_DIR");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("METALFLOW_MOCKUPS_DIR_DEFAULT");
        }
        if (configured == null || configured.isBlank()) {
            configured = "../shared/redfish-mockups";
        }
        Path root = Path.of(configured).toAbsolutePath().normalize();
        require(Files.isDirectory(root), "Redfish mockups not found at " + root
                + " (set METALFLOW_MOCKUPS_DIR to the redfish-mockups directory)");
        return root;
    }

    private static void require(boolean condition, String message) {
        if (condition) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.assumeTrue(false, message);
    }
}
