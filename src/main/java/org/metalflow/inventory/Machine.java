package org.metalflow.inventory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A physical machine as the platform knows it.
 *
 * @param profileName       the hardware profile the last prepare chose
 * @param processInstanceId the lifecycle process holding the machine, if one was started; it may have ended
 *                          since (see {@link MachineService#startAction})
 * @param tags              labels operators give the machine ({@code production}); approval policies read them
 */
public record Machine(
        UUID id,
        String name,
        MachineState state,
        String lastError,
        boolean maintenance,
        String maintenanceReason,
        Bmc bmc,
        SystemIdentity identity,
        String powerState,
        Hardware hardware,
        Instant inspectedAt,
        String profileName,
        String processInstanceId,
        Instant createdAt,
        Instant updatedAt,
        List<String> tags) {

    public Machine {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * How to reach the machine's BMC. The credentials live in the credential vault under {@code credentialId}.
     *
     * @param systemId  which ComputerSystem of the BMC this machine is ("" = its only or first system)
     * @param systemUri the system's @odata.id, learned at enrollment
     */
    public record Bmc(String address, String systemId, UUID credentialId, BmcTls tls, String systemUri,
                      String vendor, String redfishVersion) {
    }

    public record SystemIdentity(String manufacturer, String model, String serialNumber, String uuid, String sku) {
    }
}
