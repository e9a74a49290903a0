package org.metalflow.lab;

import java.util.Optional;
import org.metalflow.lab.VendorPersonality.PlacedDrive;
import org.metalflow.lab.VendorPersonality.StorageGroup;

/**
 * Drive.SecureErase: 202 and a task that runs for the volume delay; a second erase of a drive whose erase
 * still runs is refused with 409, as a busy resource. The body may be empty or a JSON object; Drive v1.12
 * (what the lab renders) defines no parameters, so none is checked.
 */
final class SecureEraseEndpoint implements RedfishEndpoint {

    @Override
    public Optional<RedfishAnswer> handle(RedfishRequest request) {
        if (!request.method().equals("POST")) {
            return Optional.empty();
        }
        for (StorageGroup group : request.personality().storage(request.spec())) {
            for (PlacedDrive drive : group.drives()) {
                if (request.is("POST", request.uris().secureErase(group.id(), drive.id()))) {
                    return Optional.of(erase(request, group, drive));
                }
            }
        }
        return Optional.empty();
    }

    private static RedfishAnswer erase(RedfishRequest request, StorageGroup group, PlacedDrive drive) {
        if (request.body().length > 0 && request.json() == null) {
            return request.error(RedfishError.malformedJson());
        }
        return request.bmc().secureErase(drive.id())
                .map(task -> TaskEndpoint.accepted(request, task))
                .orElseGet(() -> request.error(RedfishError.resourceBusy("a secure erase of the drive "
                        + request.uris().drive(group.id(), drive.id()) + " is still running")));
    }
}
