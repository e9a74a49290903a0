package org.metalflow.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.metalflow.lab.VendorPersonality.PlacedDrive;
import org.metalflow.lab.VendorPersonality.StorageGroup;

/**
 * Volume creation (POST to a controller's Volumes: 202 and a task; the volume appears when the task
 * ends) and deletion (202 and a task on iDRAC, 204 elsewhere).
 */
final class VolumeEndpoint implements RedfishEndpoint {

    @Override
    public Optional<RedfishAnswer> handle(RedfishRequest request) {
        for (StorageGroup group : request.personality().storage(request.spec())) {
            String volumes = request.uris().volumes(group.id());
            if (request.is("POST", volumes)) {
                return Optional.of(create(request, group));
            }
            String volumeId = request.uris().childOf(request.path(), volumes);
            if (volumeId != null && request.method().equals("DELETE")) {
                return Optional.of(delete(request, group, volumeId));
            }
        }
        return Optional.empty();
    }

    private RedfishAnswer create(RedfishRequest request, StorageGroup group) {
        JsonNode body = request.json();
        if (body == null) {
            return request.error(RedfishError.malformedJson());
        }
        JsonNode raidType = body.get("RAIDType");
        if (raidType == null || raidType.isNull()) {
            return request.error(RedfishError.propertyMissing("RAIDType"));
        }
        if (!raidType.isTextual() || !group.raidTypes().contains(raidType.asText()) || RaidLevel.of(raidType.asText()).isEmpty()) {
            return request.error(RedfishError.valueNotInList(raidType.asText(raidType.toString()), "RAIDType",
                    group.raidTypes().isEmpty() ? List.of("(none: this controller makes no volumes)") : group.raidTypes()));
        }
        RaidLevel level = RaidLevel.of(raidType.asText()).orElseThrow();
        JsonNode links = body.path("Links").path("Drives");
        if (!links.isArray() || links.isEmpty()) {
            return request.error(RedfishError.propertyMissing("Links/Drives"));
        }
        List<PlacedDrive> drives = new ArrayList<>();
        for (JsonNode link : links) {
            String uri = link.path("@odata.id").asText("");
            Optional<PlacedDrive> drive = group.drives().stream()
                    .filter(d -> request.uris().same(uri, request.uris().storage(group.id()) + "/Drives/" + d.id()))
                    .findFirst();
            if (drive.isEmpty()) {
                return request.error(RedfishError.propertyValueIncorrect("Links/Drives", uri,
                        "not a drive of the storage controller " + group.id()));
            }
            if (drives.contains(drive.get())) {
                return request.error(RedfishError.propertyValueIncorrect("Links/Drives", uri, "listed twice"));
            }
            if (request.bmc().driveTaken(group.id(), drive.get().id())) {
                return request.error(RedfishError.resourceInUse("the drive " + uri + " already belongs to a volume"));
            }
            drives.add(drive.get());
        }
        Optional<String> tooFew = level.refuse(drives.size());
        if (tooFew.isPresent()) {
            return request.error(RedfishError.propertyValueIncorrect("Links/Drives", Integer.toString(drives.size()),
                    tooFew.get()));
        }
        long smallest = drives.stream().mapToLong(d -> d.drive().capacityBytes()).min().orElseThrow();
        long capacity = smallest * level.dataDrives(drives.size());
        JsonNode requested = body.get("CapacityBytes");
        if (requested != null && !requested.isNull()) {
            if (!requested.isIntegralNumber() || requested.asLong() <= 0 || requested.asLong() > capacity) {
                return request.error(RedfishError.propertyValueIncorrect("CapacityBytes", requested.toString(),
                        "must be between 1 and " + capacity + " for these drives"));
            }
            capacity = requested.asLong();
        }
        String name = body.path("Name").isTextual() ? body.get("Name").asText() : level.name() + " volume";
        LabTask task = request.bmc().createVolume(group, name, level.name(), capacity,
                drives.stream().map(PlacedDrive::id).toList());
        return TaskEndpoint.accepted(request, task);
    }

    private RedfishAnswer delete(RedfishRequest request, StorageGroup group, String volumeId) {
        Optional<LabVolume> volume = request.bmc().volume(group.id(), volumeId);
        if (volume.isEmpty()) {
            return request.error(RedfishError.resourceMissing(request.path()));
        }
        return request.bmc().deleteVolume(volume.get())
                .map(task -> TaskEndpoint.accepted(request, task))
                .orElseGet(() -> RedfishAnswer.of(204, null));
    }
}
