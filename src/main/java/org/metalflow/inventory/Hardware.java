package org.metalflow.inventory;

import java.util.List;

/** Hardware facts read by inspection. Values the BMC did not report are null. */
public record Hardware(
        Integer cpuCount,
        Integer cpuCores,
        Integer cpuThreads,
        String cpuModel,
        Long memoryMiB,
        String biosVersion,
        String bootMode,
        List<Nic> nics,
        List<Drive> drives,
        List<Firmware> firmware) {

    public Hardware {
        nics = nics == null ? List.of() : List.copyOf(nics);
        drives = drives == null ? List.of() : List.copyOf(drives);
        firmware = firmware == null ? List.of() : List.copyOf(firmware);
    }

    public record Nic(String id, String macAddress, String linkStatus, Integer speedMbps) {
    }

    public record Drive(String id, String name, Long capacityBytes, String mediaType, String protocol,
                        String model, String serialNumber) {
    }

    public record Firmware(String id, String name, String version, Boolean updateable) {
    }
}
