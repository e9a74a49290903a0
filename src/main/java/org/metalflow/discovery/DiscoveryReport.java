package org.metalflow.discovery;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.metalflow.api.InvalidFieldException;

/**
 * What the discovery image reports about the machine it runs on. Every field but {@code nics} is optional;
 * everything is checked before anything is stored, since anyone on the provisioning network can post it.
 */
public record DiscoveryReport(List<Nic> nics, String manufacturer, String model, String serialNumber, String uuid,
                              Integer cpuCount, String cpuModel, Long memoryMiB) {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern NIC_NAME = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final int MAX_NICS = 16;

    public record Nic(String name, String mac) {
    }

    /** Refuses the first bad field, named as in the JSON body. */
    void check() {
        if (nics == null || nics.isEmpty()) {
            throw new InvalidFieldException("nics", "must list at least one NIC with its MAC");
        }
        if (nics.size() > MAX_NICS) {
            throw new InvalidFieldException("nics", "must list at most " + MAX_NICS + " NICs");
        }
        for (int i = 0; i < nics.size(); i++) {
            Nic nic = nics.get(i);
            if (nic == null || nic.mac() == null || !MAC.matcher(nic.mac().toLowerCase(Locale.ROOT)).matches()) {
                throw new InvalidFieldException("nics[" + i + "].mac", "must be six hex pairs separated by ':'");
            }
            if (nic.name() != null && !NIC_NAME.matcher(nic.name()).matches()) {
                throw new InvalidFieldException("nics[" + i + "].name", "must be 1 to 64 letters, digits or ._:-");
            }
        }
        text("manufacturer", manufacturer);
        text("model", model);
        text("serialNumber", serialNumber);
        text("uuid", uuid);
        text("cpuModel", cpuModel);
        if (cpuCount != null && (cpuCount < 0 || cpuCount > 1024)) {
            throw new InvalidFieldException("cpuCount", "must be between 0 and 1024");
        }
        if (memoryMiB != null && (memoryMiB < 0 || memoryMiB > 1L << 32)) {
            throw new InvalidFieldException("memoryMiB", "must be between 0 and 2^32");
        }
    }

    private static void text(String field, String value) {
        if (value != null && (value.length() > 255 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw new InvalidFieldException(field, "must be at most 255 printable characters");
        }
    }
}
