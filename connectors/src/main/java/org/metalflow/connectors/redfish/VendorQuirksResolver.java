package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Locale;

/**
 * Picks the {@link VendorQuirks} for a BMC: by the service root's Vendor (Redfish 1.5+), else the name of its
 * Oem object, else the system's Manufacturer. Unknown vendors get {@link GenericQuirks}.
 */
final class VendorQuirksResolver {

    private VendorQuirksResolver() {
    }

    /** @param system the ComputerSystem when the caller has read it, else null */
    static VendorQuirks resolve(JsonNode serviceRoot, JsonNode system) {
        VendorQuirks byVendor = forName(vendor(serviceRoot));
        return byVendor != GenericQuirks.INSTANCE ? byVendor : forName(Json.text(system, "Manufacturer"));
    }

    static VendorQuirks forName(String name) {
        if (name == null) {
            return GenericQuirks.INSTANCE;
        }
        String vendor = name.trim().toLowerCase(Locale.ROOT);
        if (vendor.startsWith("dell")) {
            return new DellQuirks();
        }
        if (vendor.equals("hpe") || vendor.equals("hp") || vendor.startsWith("hewlett")) {
            return new HpeQuirks();
        }
        if (vendor.startsWith("lenovo")) {
            return new LenovoQuirks();
        }
        if (vendor.startsWith("supermicro") || vendor.startsWith("super micro")) {
            return new SupermicroQuirks();
        }
        if (vendor.equals("ami") || vendor.startsWith("american megatrends")) {
            return new AmiQuirks();
        }
        return GenericQuirks.INSTANCE;
    }

    private static String vendor(JsonNode root) {
        String vendor = Json.text(root, "Vendor");
        if (vendor != null) {
            return vendor;
        }
        JsonNode oem = Json.at(root, "Oem");
        if (oem != null && oem.isObject()) {
            Iterator<String> names = oem.fieldNames();
            return names.hasNext() ? names.next() : null;
        }
        return null;
    }
}
