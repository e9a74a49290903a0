package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creating and deleting volumes, and Drive.SecureErase. Long operations come back as tasks. */
final class StorageActions {

    /** Volume.VolumeType values for services older than Volume 1.3.1, which have no RAIDType. */
    private static final Map<String, String> VOLUME_TYPES = Map.of(
            "RAID0", "NonRedundant",
            "RAID1", "Mirrored",
            "RAID5", "StripedWithParity",
            "RAID6", "StripedWithParity",
            "RAID10", "SpannedMirrors",
            "RAID50", "SpannedStripesWithParity",
            "RAID60", "SpannedStripesWithParity");

    private final RedfishTransport transport;
    private final BmcEndpoint bmc;
    private final ResourceReader reader;

    StorageActions(RedfishTransport transport, BmcEndpoint bmc) {
        this.transport = transport;
        this.bmc = bmc;
        this.reader = new ResourceReader(transport, bmc);
    }

    Optional<TaskStatus> createVolume(String storageUri, VolumeRequest request) {
        if (request == null || request.raidType() == null || request.driveUris() == null
                || request.driveUris().isEmpty()) {
            throw new IllegalArgumentException("a volume needs a RAID type and at least one drive");
        }
        StorageController controller = new StorageReader(reader).controller(storageUri);
        if (controller.volumesUri() == null) {
            throw RedfishErrors.refused(reader.display(), "storage " + storageUri
                    + " has no Volumes collection; volume " + request.name() + " was not created");
        }
        List<String> supported = controller.supportedRaidTypes();
        if (!supported.isEmpty() && !supported.contains(request.raidType())) {
            throw RedfishErrors.refused(reader.display(), "storage " + storageUri + " does not support "
                    + request.raidType() + "; supported: " + String.join(", ", supported));
        }
        JsonNode collection = reader.get(controller.volumesUri());
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (request.name() != null) {
            body.put("Name", request.name());
        }
        if (legacyVolumeType(supported, collection)) {
            String volumeType = VOLUME_TYPES.get(request.raidType());
            if (volumeType == null) {
                throw RedfishErrors.refused(reader.display(), "storage " + storageUri + " takes only VolumeType, "
                        + "which has no equivalent of " + request.raidType());
            }
            body.put("VolumeType", volumeType);
        } else {
            body.put("RAIDType", request.raidType());
        }
        ArrayNode drives = body.putObject("Links").putArray("Drives");
        request.driveUris().forEach(drive -> drives.addObject().put("@odata.id", drive));
        if (request.capacityBytes() != null) {
            body.put("CapacityBytes", request.capacityBytes());
        }
        // iDRAC creates volumes only at the next reset and refuses a POST that does not say so.
        List<String> applyTimes = Json.strings(collection, "@Redfish.OperationApplyTimeSupport", "SupportedValues");
        if (!applyTimes.isEmpty() && !applyTimes.contains("Immediate") && applyTimes.contains("OnReset")) {
            body.put("@Redfish.OperationApplyTime", "OnReset");
        }
        return task(transport.send(bmc, "POST", controller.volumesUri(), body, null));
    }

    Optional<TaskStatus> deleteVolume(String volumeUri) {
        try {
            return task(transport.send(bmc, "DELETE", volumeUri, null, null));
        } catch (RedfishException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    Optional<TaskStatus> secureErase(String driveUri) {
        String target = Json.text(reader.get(driveUri), "Actions", "#Drive.SecureErase", "target");
        if (target == null) {
            throw RedfishErrors.refused(reader.display(), "drive " + driveUri + " offers no Drive.SecureErase action");
        }
        return task(transport.send(bmc, "POST", target, Json.MAPPER.createObjectNode(), null));
    }

    /**
     * VolumeType only when nothing says the service knows RAIDType: no supported RAID types, and the
     * existing volumes carry VolumeType alone.
     */
    private boolean legacyVolumeType(List<String> supported, JsonNode collection) {
        if (!supported.isEmpty()) {
            return false;
        }
        JsonNode members = Json.at(collection, "Members");
        if (members == null || !members.isArray() || members.isEmpty()) {
            return false;
        }
        JsonNode first = members.get(0);
        JsonNode volume = first.size() > 1 ? first : reader.optional(Json.text(first, "@odata.id"));
        return volume != null && !volume.has("RAIDType") && Json.text(volume, "VolumeType") != null;
    }

    private static Optional<TaskStatus> task(RedfishResponse response) {
        return response.status() == 202 ? Optional.of(TaskMonitor.started(response, null)) : Optional.empty();
    }
}
