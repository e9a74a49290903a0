package org.metalflow.lab;

import java.util.List;
import java.util.Map;

/**
 * One simulated BMC as the lab API shows it: where it is, how to log in, the truth about its machine
 * (for tests to compare inspection results with) and a ready body for {@code POST /api/v1/machines}.
 */
public record LabBmcView(String id, String address, String vendor, String username, String password, Tls tls,
                         Expected expected, Registration registration, LabFaults faults, Observed observed) {

    public record Tls(String certificateSha256) {
    }

    /**
     * What an inspection of this machine should find. {@code cpuCores} counts all sockets; MACs are
     * lower case; {@code cpuModel} is trimmed (iLO pads it with spaces). {@code biosVersion} and
     * {@code biosAttributes} are those in effect (updates and pending settings count from the next boot);
     * {@code lastBootImage} is the virtual media image of the last boot, if it booted from one.
     * {@code erasedDrives} counts the completed Drive.SecureErase tasks per drive id (the Redfish {@code Id},
     * unique per lab BMC); a drive never erased is absent.
     */
    public record Expected(String manufacturer, String model, String serialNumber, String sku, String uuid,
                           int cpuCount, int cpuCores, String cpuModel, long memoryMiB, List<String> macs,
                           int driveCount, String biosVersion, String powerState, BootOverride bootOverride,
                           String lastBootSource, String lastBootImage, Map<String, Object> biosAttributes,
                           Map<String, Object> pendingBiosAttributes, boolean secureBootEnabled,
                           Map<String, Integer> erasedDrives) {
    }

    /**
     * What the BMC has seen since the start (or the last reset of these counters): the most requests it
     * was answering at one time, the most sessions open at one time, and requests in all.
     */
    public record Observed(int maxConcurrentRequests, int maxSessions, long requests) {
    }

    public record Registration(String name, RegistrationBmc bmc) {
    }

    public record RegistrationBmc(String address, String username, String password, Tls tls) {
    }

    static LabBmcView of(SimulatedBmc bmc, LabRedfishServer server) {
        MachineSpec spec = bmc.spec();
        String address = server.baseUrl(bmc);
        Tls tls = new Tls(server.tls().certificateSha256());
        Expected expected = new Expected(spec.vendor().personality().manufacturer(), spec.model().name(),
                spec.serialNumber(), spec.sku(), spec.uuid(), spec.cpuCount(), spec.totalCores(),
                spec.cpu().model().trim(), spec.memoryMiB(), spec.macs(), spec.drives().size(), spec.biosVersion(),
                bmc.powerState(), bmc.bootOverride(), bmc.lastBootSource(), bmc.lastBootImage(), bmc.biosAttributes(),
                bmc.biosPending(), bmc.secureBootCurrent(), bmc.erasedDrives());
        Registration registration = new Registration(spec.id(),
                new RegistrationBmc(address, spec.username(), spec.password(), tls));
        return new LabBmcView(spec.id(), address, spec.vendor().key(), spec.username(), spec.password(), tls, expected,
                registration, bmc.faults(), bmc.observed());
    }
}
