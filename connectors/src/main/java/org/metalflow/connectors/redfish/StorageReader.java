package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Storage subsystems and volumes of a system: Storage when the BMC has it, SimpleStorage otherwise. */
final class StorageReader {

    private final ResourceReader reader;

    StorageReader(ResourceReader reader) {
        this.reader = reader;
    }

    List<StorageController> storage(String systemUri) {
        JsonNode system = reader.get(systemUri);
        List<StorageController> result = new ArrayList<>();
        for (JsonNode storage : reader.members(Json.link(system, "Storage"))) {
            result.add(controller(storage));
        }
        if (result.isEmpty()) {
            for (JsonNode simple : reader.members(Json.link(system, "SimpleStorage"))) {
                result.add(new StorageController(Json.text(simple, "@odata.id"), Json.text(simple, "Id"),
                        Json.text(simple, "Name"), List.of(), List.of(), null));
            }
        }
        return result;
    }

    List<Volume> volumes(String systemUri) {
        List<Volume> volumes = new ArrayList<>();
        for (StorageController controller : storage(systemUri)) {
            for (JsonNode volume : reader.members(controller.volumesUri())) {
                volumes.add(volume(volume));
            }
        }
        return volumes;
    }

    /** Reads one Storage resource (for volume creation). */
    StorageController controller(String storageUri) {
        return controller(reader.get(storageUri));
    }

    static Volume volume(JsonNode volume) {
        String raidType = Json.text(volume, "RAIDType");
        return new Volume(Json.text(volume, "@odata.id"), Json.text(volume, "Id"), Json.text(volume, "Name"),
                raidType != null ? raidType : Json.text(volume, "VolumeType"), Json.longValue(volume, "CapacityBytes"),
                Json.links(volume, "Links", "Drives"));
    }

    private StorageController controller(JsonNode storage) {
        String volumesUri = Json.link(storage, "Volumes");
        return new StorageController(Json.text(storage, "@odata.id"), Json.text(storage, "Id"),
                Json.text(storage, "Name"), List.copyOf(raidTypes(storage, volumesUri)),
                Json.links(storage, "Drives"), volumesUri);
    }

    /**
     * From the StorageControllers embedded in the Storage; from the Controllers collection (Storage 1.15+)
     * only when nothing is embedded and the subsystem can hold volumes, since that costs a request.
     */
    private Set<String> raidTypes(JsonNode storage, String volumesUri) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode embedded = Json.at(storage, "StorageControllers");
        if (embedded != null && embedded.isArray() && !embedded.isEmpty()) {
            embedded.forEach(controller -> types.addAll(Json.strings(controller, "SupportedRAIDTypes")));
        } else if (volumesUri != null) {
            reader.members(Json.link(storage, "Controllers"))
                    .forEach(controller -> types.addAll(Json.strings(controller, "SupportedRAIDTypes")));
        }
        return types;
    }
}
