package org.metalflow.connectors.redfish;

import java.util.List;

/**
 * A storage subsystem (a Storage resource; for SimpleStorage, volumes are not supported).
 *
 * @param supportedRaidTypes RAID types volumes may be created with (e.g. RAID0, RAID1, RAID10, RAID5)
 * @param volumesUri         the Volumes collection, null when the subsystem cannot hold volumes
 */
public record StorageController(String uri, String id, String name, List<String> supportedRaidTypes,
                                List<String> driveUris, String volumesUri) {
}
