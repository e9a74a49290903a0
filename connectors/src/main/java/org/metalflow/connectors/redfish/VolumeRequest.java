package org.metalflow.connectors.redfish;

import java.util.List;

/** A volume to create: its name, RAID type, member drives (URIs) and size (null = all the drives allow). */
public record VolumeRequest(String name, String raidType, List<String> driveUris, Long capacityBytes) {
}
