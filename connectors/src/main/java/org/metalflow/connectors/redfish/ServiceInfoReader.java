package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;

/** Reads the service root and the Systems collection into a {@link ServiceInfo}. */
final class ServiceInfoReader {

    private final ResourceReader reader;

    ServiceInfoReader(ResourceReader reader) {
        this.reader = reader;
    }

    ServiceInfo read() {
        JsonNode root = reader.serviceRoot();
        String systemsPath = Json.link(root, "Systems");
        if (systemsPath == null) {
            throw RedfishErrors.refused(reader.display(), "the service root links no Systems collection");
        }
        // Reading the collection proves the credentials even when the BMC fell back to Basic.
        List<String> systems = reader.memberLinks(systemsPath);
        return new ServiceInfo(Json.text(root, "RedfishVersion"), vendor(root, systems), Json.text(root, "Product"),
                Json.text(root, "UUID"), List.copyOf(systems));
    }

    /** Vendor was added to the service root in Redfish 1.5; older services name themselves only in Oem. */
    private String vendor(JsonNode root, List<String> systems) {
        String vendor = Json.text(root, "Vendor");
        if (vendor != null) {
            return vendor;
        }
        JsonNode oem = Json.at(root, "Oem");
        if (oem != null && oem.isObject()) {
            Iterator<String> names = oem.fieldNames();
            if (names.hasNext()) {
                return names.next();
            }
        }
        return systems.isEmpty() ? null : Json.text(reader.optional(systems.get(0)), "Manufacturer");
    }
}
