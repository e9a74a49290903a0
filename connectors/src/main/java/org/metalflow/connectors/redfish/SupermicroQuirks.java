package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Supermicro X11/X12/H12 BMCs: BootSourceOverrideMode goes along with every boot override. */
final class SupermicroQuirks implements VendorQuirks {

    @Override
    public String name() {
        return "Supermicro";
    }

    @Override
    public void completeBootPatch(ObjectNode patchBoot, JsonNode currentBoot, BootOverride override) {
        BootModeAlongQuirk.addMode(patchBoot, currentBoot, override);
    }
}
