package org.metalflow.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.metalflow.lab.VendorPersonality.MediaSlotSpec;

/** The virtual media slots of one BMC's manager. */
final class VirtualMediaResources {

    private final ResourceKit kit;
    private final SimulatedBmc bmc;
    private final BmcUris uris;

    VirtualMediaResources(ResourceKit kit, SimulatedBmc bmc, BmcUris uris) {
        this.kit = kit;
        this.bmc = bmc;
        this.uris = uris;
    }

    void register(ResourceKit.Registrar registrar) {
        var slots = kit.personality().virtualMedia();
        registrar.add(uris.virtualMedia(), () -> kit.collection(uris.virtualMedia(), "VirtualMediaCollection",
                "Virtual Media Services", slots.stream().map(s -> uris.mediaSlot(s.id())).toList()));
        for (MediaSlotSpec slot : slots) {
            registrar.add(uris.mediaSlot(slot.id()), () -> slot(slot));
        }
    }

    private ObjectNode slot(MediaSlotSpec slot) {
        String uri = uris.mediaSlot(slot.id());
        MediaState.Slot state = bmc.media(slot.id());
        ObjectNode node = kit.resource(uri, "#VirtualMedia.v1_4_0.VirtualMedia");
        node.put("Id", slot.id());
        node.put("Name", slot.name());
        ResourceKit.strings(node.putArray("MediaTypes"), slot.mediaTypes());
        if (state.image() == null) {
            node.putNull("Image");
        } else {
            node.put("Image", state.image());
            node.put("ImageName", state.image().substring(state.image().lastIndexOf('/') + 1));
        }
        node.put("Inserted", state.inserted());
        node.put("WriteProtected", state.writeProtected());
        node.put("ConnectedVia", state.inserted() ? "URI" : "NotConnected");
        ObjectNode actions = node.putObject("Actions");
        actions.putObject("#VirtualMedia.InsertMedia").put("target", uri + "/Actions/VirtualMedia.InsertMedia");
        actions.putObject("#VirtualMedia.EjectMedia").put("target", uri + "/Actions/VirtualMedia.EjectMedia");
        return kit.finish(node);
    }
}
