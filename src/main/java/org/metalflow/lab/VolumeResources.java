package org.metalflow.lab;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.metalflow.lab.VendorPersonality.StorageGroup;

/** The Volumes collection of each storage controller of one BMC and the volumes in it. */
final class VolumeResources {

    private final ResourceKit kit;
    private final SimulatedBmc bmc;
    private final BmcUris uris;

    VolumeResources(ResourceKit kit, SimulatedBmc bmc, BmcUris uris) {
        this.kit = kit;
        this.bmc = bmc;
        this.uris = uris;
    }

    void register(ResourceKit.Registrar registrar, List<StorageGroup> groups) {
        for (StorageGroup group : groups) {
            List<LabVolume> volumes = bmc.volumes(group.id());
            String collectionUri = uris.volumes(group.id());
            List<String> members = volumes.stream().map(v -> collectionUri + "/" + v.id()).toList();
            registrar.add(collectionUri, () -> kit.collection(collectionUri, "VolumeCollection", "Volume Collection", members));
            for (LabVolume volume : volumes) {
                registrar.add(collectionUri + "/" + volume.id(), () -> volume(group, volume));
            }
        }
    }

    private ObjectNode volume(StorageGroup group, LabVolume volume) {
        String uri = uris.volumes(group.id()) + "/" + volume.id();
        ObjectNode node = kit.resource(uri, "#Volume.v1_6_2.Volume");
        node.put("Id", volume.id());
        node.put("Name", volume.name());
        node.put("RAIDType", volume.raidType());
        node.put("VolumeType", volume.raidType().equals("RAID0") ? "NonRedundant" : "Mirrored");
        node.put("CapacityBytes", volume.capacityBytes());
        node.put("BlockSizeBytes", 512);
        node.put("Encrypted", false);
        ResourceKit.status(node);
        ObjectNode links = node.putObject("Links");
        ArrayNode drives = links.putArray("Drives");
        String slash = group.driveLinksEndWithSlash() ? "/" : "";
        volume.driveIds().forEach(id -> drives.addObject().put("@odata.id", uris.storage(group.id()) + "/Drives/" + id + slash));
        links.put("Drives@odata.count", volume.driveIds().size());
        return kit.finish(node);
    }
}
