package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads one ComputerSystem and the resources it links to into a {@link SystemInventory}. */
final class InventoryReader {

    private final ResourceReader reader;

    InventoryReader(ResourceReader reader) {
        this.reader = reader;
    }

    SystemInventory read(String systemUri) {
        JsonNode system = reader.get(systemUri);
        return new SystemInventory(
                systemUri,
                identity(system),
                Json.text(system, "PowerState"),
                Json.text(system, "BiosVersion"),
                processors(system),
                memoryMiB(system),
                nics(system),
                drives(system),
                firmware(VendorQuirksResolver.resolve(reader.serviceRoot(), system)),
                ResetTypes.allowed(reader, system),
                Json.strings(system, "Boot", "BootSourceOverrideTarget@Redfish.AllowableValues"),
                Json.text(system, "Boot", "BootSourceOverrideMode"));
    }

    /** Identity of the system from the system resource alone: one request. */
    SystemInventory.Identity identity(String systemUri) {
        return identity(reader.get(systemUri));
    }

    private static SystemInventory.Identity identity(JsonNode system) {
        return new SystemInventory.Identity(
                Json.text(system, "Manufacturer"),
                Json.text(system, "Model"),
                Json.text(system, "SerialNumber"),
                Json.text(system, "UUID"),
                Json.text(system, "SKU"),
                Json.text(system, "HostName"));
    }

    /** Only installed CPUs count: GPUs, FPGAs and empty sockets are also Processor resources. */
    private SystemInventory.Processors processors(JsonNode system) {
        int count = 0;
        Integer cores = null;
        Integer threads = null;
        String model = null;
        for (JsonNode processor : reader.members(Json.link(system, "Processors"))) {
            String type = Json.text(processor, "ProcessorType");
            if ((type != null && !"CPU".equalsIgnoreCase(type)) || !Json.present(processor)) {
                continue;
            }
            count++;
            cores = add(cores, Json.integer(processor, "TotalCores"));
            threads = add(threads, Json.integer(processor, "TotalThreads"));
            if (model == null) {
                model = Json.text(processor, "Model");
            }
        }
        return new SystemInventory.Processors(count, cores, threads, model);
    }

    private static Integer add(Integer sum, Integer value) {
        if (value == null) {
            return sum;
        }
        return sum == null ? value : sum + value;
    }

    /** MemorySummary when the BMC gives it (saves reading every DIMM), else the sum of installed DIMMs. */
    private Long memoryMiB(JsonNode system) {
        Double gib = Json.decimal(system, "MemorySummary", "TotalSystemMemoryGiB");
        if (gib != null && gib > 0) {
            return Math.round(gib * 1024);
        }
        Long total = null;
        for (JsonNode dimm : reader.members(Json.link(system, "Memory"))) {
            Long mib = Json.longValue(dimm, "CapacityMiB");
            if (mib != null && Json.present(dimm)) {
                total = total == null ? mib : total + mib;
            }
        }
        return total;
    }

    private List<SystemInventory.Nic> nics(JsonNode system) {
        List<SystemInventory.Nic> nics = new ArrayList<>();
        for (JsonNode nic : reader.members(Json.link(system, "EthernetInterfaces"))) {
            String mac = Json.text(nic, "MACAddress");
            if (mac == null) {
                mac = Json.text(nic, "PermanentMACAddress");
            }
            nics.add(new SystemInventory.Nic(Json.text(nic, "Id"), normaliseMac(mac), Json.text(nic, "LinkStatus"),
                    Json.integer(nic, "SpeedMbps")));
        }
        return nics;
    }

    /** Lower-case colon form when the value is 12 hex digits in any common notation; else as reported. */
    static String normaliseMac(String mac) {
        if (mac == null) {
            return null;
        }
        String hex = mac.replaceAll("[:\\-.\\s]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{12}")) {
            return mac.toLowerCase(Locale.ROOT);
        }
        StringBuilder normalised = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                normalised.append(':');
            }
            normalised.append(hex, i, i + 2);
        }
        return normalised.toString();
    }

    /** Drives linked from Storage; SimpleStorage devices when the BMC has no Storage or it lists no drive. */
    private List<SystemInventory.Drive> drives(JsonNode system) {
        List<SystemInventory.Drive> drives = new ArrayList<>();
        for (JsonNode storage : reader.members(Json.link(system, "Storage"))) {
            List<String> driveLinks = Json.links(storage, "Drives");
            if (driveLinks.isEmpty()) {
                // Newer Storage schemas may link a Drives collection instead of an array.
                String collection = Json.link(storage, "Drives");
                driveLinks = collection == null ? driveLinks : reader.memberLinks(collection);
            }
            for (String link : driveLinks) {
                JsonNode drive = reader.optional(link);
                if (drive != null && Json.present(drive)) {
                    drives.add(new SystemInventory.Drive(Json.text(drive, "Id"), Json.text(drive, "Name"),
                            Json.longValue(drive, "CapacityBytes"), Json.text(drive, "MediaType"),
                            Json.text(drive, "Protocol"), Json.text(drive, "Model"),
                            Json.text(drive, "SerialNumber")));
                }
            }
        }
        if (drives.isEmpty()) {
            for (JsonNode simple : reader.members(Json.link(system, "SimpleStorage"))) {
                JsonNode devices = Json.at(simple, "Devices");
                if (devices == null || !devices.isArray()) {
                    continue;
                }
                for (JsonNode device : devices) {
                    if (Json.present(device)) {
                        // SimpleStorage devices have no Id of their own and no media type or protocol.
                        drives.add(new SystemInventory.Drive(null, Json.text(device, "Name"),
                                Json.longValue(device, "CapacityBytes"), null, null, Json.text(device, "Model"),
                                Json.text(device, "SerialNumber")));
                    }
                }
            }
        }
        return drives;
    }

    /** Firmware items, less the copies a vendor lists more than once (iDRAC: Installed, Current, Previous). */
    private List<SystemInventory.Firmware> firmware(VendorQuirks quirks) {
        JsonNode updateService = reader.optional(Json.link(reader.serviceRoot(), "UpdateService"));
        List<JsonNode> items = reader.members(Json.link(updateService, "FirmwareInventory"));
        Set<String> ids = new HashSet<>();
        items.forEach(item -> ids.add(Json.text(item, "Id")));
        List<SystemInventory.Firmware> firmware = new ArrayList<>();
        for (JsonNode item : items) {
            String id = Json.text(item, "Id");
            if (quirks.reportsFirmware(id, ids)) {
                firmware.add(new SystemInventory.Firmware(id, Json.text(item, "Name"), Json.text(item, "Version"),
                        Json.bool(item, "Updateable")));
            }
        }
        return firmware;
    }
}
