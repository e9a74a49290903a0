package org.metalflow.inventory;

import java.time.Instant;
import java.util.UUID;

/** A machine as it appears in lists: enough to find it, not its full hardware. */
public record MachineSummary(UUID id, String name, MachineState state, String lastError, boolean maintenance,
                             String bmcAddress, String manufacturer, String model, String serialNumber,
                             Integer cpuCount, Long memoryMiB, String powerState, Instant updatedAt) {
}
