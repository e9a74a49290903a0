package org.metalflow.connectors.redfish;

import java.util.List;

/** A logical drive on a storage controller. */
public record Volume(String uri, String id, String name, String raidType, Long capacityBytes,
                     List<String> driveUris) {
}
