package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * AMI MegaRAC firmware (and Supermicro's, which grew from it) resets the boot mode to Legacy when a boot
 * override PATCH comes without BootSourceOverrideMode: the mode is always sent, the wanted one or the current.
 */
final class BootModeAlongQuirk {

    private BootModeAlongQuirk() {
    }

    static void addMode(ObjectNode patchBoot, JsonNode currentBoot, BootOverride override) {
        if (patchBoot.isEmpty() || patchBoot.has("BootSourceOverrideMode")) {
            return;
        }
        String mode = override.mode() != null ? override.mode() : Json.text(currentBoot, "BootSourceOverrideMode");
        if (mode != null) {
            patchBoot.put("BootSourceOverrideMode", mode);
        }
    }
}
