package org.metalflow.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The volumes of one BMC; exists once one was created. Not thread-safe: {@link SimulatedBmc} guards it. */
final class StorageState {

    private final List<LabVolume> volumes = new ArrayList<>();
    private int sequence;

    int nextNumber() {
        return sequence++;
    }

    List<LabVolume> visible(String storageId, long nowMillis) {
        forgetGone(nowMillis);
        return volumes.stream().filter(v -> v.storageId().equals(storageId) && v.visible(nowMillis)).toList();
    }

    boolean driveTaken(String storageId, String driveId, long nowMillis) {
        forgetGone(nowMillis);
        return volumes.stream().anyMatch(v -> v.storageId().equals(storageId) && v.holdsDrives(nowMillis)
                && v.driveIds().contains(driveId));
    }

    void add(LabVolume volume) {
        volumes.add(volume);
    }

    Optional<LabVolume> visible(String storageId, String volumeId, long nowMillis) {
        return visible(storageId, nowMillis).stream().filter(v -> v.id().equalsIgnoreCase(volumeId)).findFirst();
    }

    void remove(LabVolume volume, long goneAtMillis) {
        volumes.replaceAll(v -> v.equals(volume) ? v.goneAt(goneAtMillis) : v);
    }

    private void forgetGone(long nowMillis) {
        volumes.removeIf(v -> !v.holdsDrives(nowMillis));
    }
}
