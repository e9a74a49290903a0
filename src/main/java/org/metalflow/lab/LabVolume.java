package org.metalflow.lab;

import java.util.List;

/**
 * A volume on one storage controller. It appears at {@code readyAtMillis} (when its creation task ends)
 * and goes at {@code goneAtMillis}; its drives are taken from creation until it is gone.
 */
record LabVolume(String storageId, String id, String name, String raidType, long capacityBytes,
                 List<String> driveIds, long readyAtMillis, long goneAtMillis) {

    LabVolume {
        driveIds = List.copyOf(driveIds);
    }

    boolean visible(long nowMillis) {
        return nowMillis >= readyAtMillis && nowMillis < goneAtMillis;
    }

    boolean holdsDrives(long nowMillis) {
        return nowMillis < goneAtMillis;
    }

    LabVolume goneAt(long millis) {
        return new LabVolume(storageId, id, name, raidType, capacityBytes, driveIds, readyAtMillis, millis);
    }
}
