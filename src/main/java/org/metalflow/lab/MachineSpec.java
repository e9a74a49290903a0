package org.metalflow.lab;

import java.util.List;

/**
 * The hardware truth of one simulated machine, derived from the fleet seed and its position alone,
 * so it is regenerated on demand instead of being kept for every BMC.
 */
public record MachineSpec(
        int index,
        String id,
        Vendor vendor,
        String username,
        String password,
        ServerModel model,
        String serialNumber,
        String sku,
        String uuid,
        CpuModel cpu,
        int cpuCount,
        int dimmsPerCpu,
        int dimmSizeMiB,
        List<NicSpec> nics,
        List<DriveSpec> drives,
        String biosVersion,
        List<FirmwareSpec> firmware) {

    public MachineSpec {
        nics = List.copyOf(nics);
        drives = List.copyOf(drives);
        firmware = List.copyOf(firmware);
    }

    public long memoryMiB() {
        return (long) cpuCount * dimmsPerCpu * dimmSizeMiB;
    }

    public int memoryGiB() {
        return (int) (memoryMiB() / 1024);
    }

    public int totalCores() {
        return cpuCount * cpu.cores();
    }

    /** The same machine after a firmware update. */
    public MachineSpec withFirmware(String newBiosVersion, List<FirmwareSpec> newFirmware) {
        return new MachineSpec(index, id, vendor, username, password, model, serialNumber, sku, uuid, cpu, cpuCount,
                dimmsPerCpu, dimmSizeMiB, nics, drives, newBiosVersion, newFirmware);
    }

    public List<String> macs() {
        return nics.stream().map(NicSpec::mac).toList();
    }

    /** A server model of a vendor and the processors it is sold with. */
    public record ServerModel(String name, String sku, int maxSockets, List<CpuModel> cpus) {
    }

    /** A processor model as the BMC reports it (HPE pads the brand string to 48 characters, as CPUID does). */
    public record CpuModel(String model, String manufacturer, int cores, int threads, int maxSpeedMHz) {
    }

    /** A host network port; {@code mac} is lower case with colons, rendered in the vendor's case. */
    public record NicSpec(String id, String mac, boolean linkUp, int speedMbps, String description) {
    }

    /** A physical drive. {@code mediaType} is SSD or HDD, {@code protocol} SAS, SATA or NVMe. */
    public record DriveSpec(String mediaType, String protocol, long capacityBytes, String model,
                            String manufacturer, String serialNumber, String revision) {
    }

    /** One firmware inventory entry, with the id the vendor gives it. */
    public record FirmwareSpec(String id, String name, String version, String description) {
    }
}
