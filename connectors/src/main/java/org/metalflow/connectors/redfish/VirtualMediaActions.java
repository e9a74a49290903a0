package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Virtual media: the slots of the system's Manager or of the System (where depends on the vendor), and
 * inserting and ejecting an image with the InsertMedia/EjectMedia actions, or a PATCH when the slot has none.
 */
final class VirtualMediaActions {

    private final RedfishTransport transport;
    private final BmcEndpoint bmc;
    private final ResourceReader reader;

    VirtualMediaActions(RedfishTransport transport, BmcEndpoint bmc) {
        this.transport = transport;
        this.bmc = bmc;
        this.reader = new ResourceReader(transport, bmc);
    }

    List<VirtualMediaSlot> slots(String systemUri) {
        JsonNode system = reader.get(systemUri);
        VendorQuirks quirks = VendorQuirksResolver.resolve(reader.serviceRoot(), system);
        List<VirtualMediaSlot> slots = quirks.virtualMediaOnSystemFirst() ? systemSlots(system) : managerSlots(system);
        if (slots.isEmpty()) {
            slots = quirks.virtualMediaOnSystemFirst() ? managerSlots(system) : systemSlots(system);
        }
        return slots;
    }

    /** Converges: an image already inserted is left; another image is ejected first. */
    void insert(String slotUri, String imageUri) {
        if (imageUri == null || imageUri.isBlank()) {
            throw new IllegalArgumentException("an image URI is needed");
        }
        RedfishResponse current = reader.response(slotUri);
        JsonNode slot = current.body();
        if (Boolean.TRUE.equals(Json.bool(slot, "Inserted"))) {
            if (imageUri.equals(Json.text(slot, "Image"))) {
                return;
            }
            eject(slotUri, current);
            current = reader.response(slotUri);
            slot = current.body();
        }
        String action = Json.text(slot, "Actions", "#VirtualMedia.InsertMedia", "target");
        if (action != null) {
            ObjectNode body = Json.MAPPER.createObjectNode().put("Image", imageUri).put("Inserted", true)
                    .put("WriteProtected", true);
            transport.send(bmc, "POST", action, body, null);
        } else {
            ObjectNode body = Json.MAPPER.createObjectNode().put("Image", imageUri).put("Inserted", true);
            transport.patch(bmc, slotUri, body, current.etag());
        }
    }

    void eject(String slotUri) {
        eject(slotUri, reader.response(slotUri));
    }

    private void eject(String slotUri, RedfishResponse current) {
        JsonNode slot = current.body();
        if (Boolean.FALSE.equals(Json.bool(slot, "Inserted")) && Json.text(slot, "Image") == null) {
            return;
        }
        String action = Json.text(slot, "Actions", "#VirtualMedia.EjectMedia", "target");
        if (action != null) {
            transport.send(bmc, "POST", action, Json.MAPPER.createObjectNode(), null);
        } else {
            ObjectNode body = Json.MAPPER.createObjectNode().putNull("Image").put("Inserted", false);
            transport.patch(bmc, slotUri, body, current.etag());
        }
    }

    private List<VirtualMediaSlot> managerSlots(JsonNode system) {
        List<VirtualMediaSlot> slots = new ArrayList<>();
        for (String manager : Json.links(system, "Links", "ManagedBy")) {
            slots.addAll(slotsIn(Json.link(reader.optional(manager), "VirtualMedia")));
        }
        return slots;
    }

    private List<VirtualMediaSlot> systemSlots(JsonNode system) {
        return slotsIn(Json.link(system, "VirtualMedia"));
    }

    private List<VirtualMediaSlot> slotsIn(String collection) {
        List<VirtualMediaSlot> slots = new ArrayList<>();
        for (JsonNode slot : reader.members(collection)) {
            slots.add(new VirtualMediaSlot(Json.text(slot, "@odata.id"), Json.text(slot, "Id"),
                    Json.strings(slot, "MediaTypes"), Json.text(slot, "Image"),
                    Boolean.TRUE.equals(Json.bool(slot, "Inserted"))));
        }
        return slots;
    }
}
