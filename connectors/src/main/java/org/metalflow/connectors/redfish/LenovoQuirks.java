package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Lenovo XCC ignores a new BootSourceOverrideTarget unless BootSourceOverrideEnabled comes in the same PATCH. */
final class LenovoQuirks implements VendorQuirks {

    @Override
    public String name() {
        return "Lenovo";
    }

    @Override
    public void completeBootPatch(ObjectNode patchBoot, JsonNode currentBoot, BootOverride override) {
        if (patchBoot.has("BootSourceOverrideTarget")) {
            patchBoot.put("BootSourceOverrideEnabled", override.enabled().name());
        }
    }
}
