package org.metalflow.bmc;

import java.util.Map;
import java.util.UUID;
import org.metalflow.connectors.redfish.BmcEndpoint;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.RedfishException;
import org.metalflow.connectors.redfish.SystemInventory;
import org.metalflow.inventory.Hardware;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineService;
import org.metalflow.workflow.BusinessFailure;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.stereotype.Component;

/** {@code redfish.inventory}: reads the system's hardware and replaces the machine's recorded facts with it. */
@Component
class InspectHardwareHandler implements TaskHandler {

    static final String INSPECTION_REJECTED = "INSPECTION_REJECTED";

    private final RedfishConnector redfish;
    private final BmcTargets targets;
    private final MachineService machines;

    InspectHardwareHandler(RedfishConnector redfish, BmcTargets targets, MachineService machines) {
        this.redfish = redfish;
        this.targets = targets;
        this.machines = machines;
    }

    @Override
    public String topic() {
        return "redfish.inventory";
    }

    @Override
    public Map<String, Object> handle(TaskRequest request) {
        UUID id = request.machineId();
        BmcTargets.BmcTarget target = targets.of(id);
        Machine machine = target.machine();
        if (machine.bmc().systemUri() == null) {
            throw new BusinessFailure(INSPECTION_REJECTED, "machine " + machine.name()
                    + " has no BMC system recorded; enroll it first");
        }
        BmcEndpoint bmc = target.bmc();
        SystemInventory inventory;
        try {
            inventory = redfish.inventory(bmc, machine.bmc().systemUri());
        } catch (RedfishException e) {
            throw BmcFailures.classify(e, INSPECTION_REJECTED);
        }
        SystemInventory.Identity identity = inventory.identity();
        machines.recordHardware(id,
                new Machine.SystemIdentity(identity.manufacturer(), identity.model(), identity.serialNumber(),
                        identity.uuid(), identity.sku()),
                inventory.powerState(), hardware(inventory));
        return Map.of();
    }

    static Hardware hardware(SystemInventory inv) {
        SystemInventory.Processors cpu = inv.processors();
        UniqueIds nicIds = new UniqueIds("nic");
        UniqueIds driveIds = new UniqueIds("drive");
        UniqueIds firmwareIds = new UniqueIds("firmware");
        return new Hardware(
                cpu == null ? null : cpu.count(),
                cpu == null ? null : cpu.cores(),
                cpu == null ? null : cpu.threads(),
                cpu == null ? null : cpu.model(),
                inv.memoryMiB(),
                inv.biosVersion(),
                inv.bootMode(),
                inv.nics().stream().map(n -> new Hardware.Nic(nicIds.next(n.id(), n.macAddress()), n.macAddress(),
                        n.linkStatus(), n.speedMbps())).toList(),
                inv.drives().stream().map(d -> new Hardware.Drive(driveIds.next(d.id(), d.name()), d.name(),
                        d.capacityBytes(), d.mediaType(), d.protocol(), d.model(), d.serialNumber())).toList(),
                inv.firmware().stream().map(f -> new Hardware.Firmware(firmwareIds.next(f.id(), f.name()), f.name(),
                        f.version(), f.updateable())).toList());
    }

    /**
     * Keys for recorded facts: the BMC's id, else a fallback (SimpleStorage devices have no id), made unique
     * within the machine because the facts are keyed by it.
     */
    private static final class UniqueIds {
        private final String kind;
        private final java.util.Set<String> seen = new java.util.HashSet<>();

        UniqueIds(String kind) {
            this.kind = kind;
        }

        String next(String id, String fallback) {
            String base = id != null ? id : fallback != null ? fallback : kind + "-" + (seen.size() + 1);
            String unique = base;
            for (int n = 2; !seen.add(unique); n++) {
                unique = base + "#" + n;
            }
            return unique;
        }
    }
}
