package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** AMI MegaRAC (OEM boards, ASRock Rack, Gigabyte): BootSourceOverrideMode goes along with every boot override. */
final class AmiQuirks implements VendorQuirks {

    @Override
    public String name() {
        return "AMI";
    }

    @Override
    public void completeBootPatch(ObjectNode patchBoot, JsonNode currentBoot, BootOverride override) {
        BootModeAlongQuirk.addMode(patchBoot, currentBoot, override);
    }
}
