package org.metalflow.bmc;

import java.util.List;
import java.util.Optional;
import org.metalflow.connectors.redfish.SystemInventory;
import org.metalflow.profile.FirmwareVersion;

/** Finds firmware components by name and compares dotted versions, as {@link FirmwareVersion} reads a baseline. */
final class FirmwareVersions {

    private FirmwareVersions() {
    }

    static Optional<SystemInventory.Firmware> find(List<SystemInventory.Firmware> firmware, String component) {
        return firmware.stream().filter(f -> FirmwareVersion.names(component, f.name(), f.id())).findFirst();
    }

    /** True when {@code version} is at least {@code baseline}, comparing the numbers in each, left to right. */
    static boolean atLeast(String version, String baseline) {
        return FirmwareVersion.atLeast(version, baseline);
    }
}
