package org.metalflow.inventory;

import java.time.Instant;
import java.util.UUID;

/** A machine as the API shows it: everything but secrets, plus what its current process is doing. */
public record MachineResponse(
        UUID id,
        String name,
        MachineState state,
        String lastError,
        boolean maintenance,
        String maintenanceReason,
        Machine.Bmc bmc,
        Machine.SystemIdentity identity,
        String powerState,
        Hardware hardware,
        Instant inspectedAt,
        String profileName,
        LifecycleProcesses.ProcessStatus process,
        Instant createdAt,
        Instant updatedAt,
        java.util.List<String> tags) {

    static MachineResponse of(Machine m, LifecycleProcesses.ProcessStatus process) {
        return new MachineResponse(m.id(), m.name(), m.state(), m.lastError(), m.maintenance(),
                m.maintenanceReason(), m.bmc(), m.identity(), m.powerState(), m.hardware(), m.inspectedAt(),
                m.profileName(), process, m.createdAt(), m.updatedAt(), m.tags());
    }
}
