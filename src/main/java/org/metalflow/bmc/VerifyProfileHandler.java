package org.metalflow.bmc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.metalflow.connectors.redfish.BiosSettings;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.SystemInventory;
import org.metalflow.connectors.redfish.Volume;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineService;
import org.metalflow.profile.HardwareProfile;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.stereotype.Component;

/**
 * {@code redfish.verify-profile}: after the reboot, reads BIOS, volumes and firmware back and compares them
 * with the profile. Any difference fails the step with every difference named (retried, then an incident):
 * a change that cannot be verified is never reported as done. On success the machine's hardware facts are
 * refreshed from what was read.
 */
@Component
class VerifyProfileHandler implements TaskHandler {

    private final RedfishConnector redfish;
    private final PreparationContext context;
    private final MachineService machines;

    VerifyProfileHandler(RedfishConnector redfish, PreparationContext context, MachineService machines) {
        this.redfish = redfish;
        this.context = context;
        this.machines = machines;
    }

    @Override
    public String topic() {
        return "redfish.verify-profile";
    }

    @Override
    public Map<String, Object> handle(TaskRequest request) {
        PreparationContext.Target t = context.of(request.machineId());
        HardwareProfile profile = t.profile();
        List<String> differences = new ArrayList<>();
        if (!profile.bios().isEmpty()) {
            BiosSettings bios = redfish.bios(t.bmc(), t.systemUri());
            profile.bios().forEach((name, wanted) -> {
                Object actual = bios.current().get(name);
                if (!Objects.equals(String.valueOf(actual), String.valueOf(wanted))) {
                    differences.add("BIOS " + name + " is " + actual + ", profile wants " + wanted
                            + (bios.pending().containsKey(name) ? " (still pending: the reset did not apply it)" : ""));
                }
            });
        }
        if (!profile.raid().isEmpty()) {
            List<Volume> volumes = redfish.volumes(t.bmc(), t.systemUri());
            for (HardwareProfile.VolumeSpec spec : profile.raid()) {
                Volume volume = volumes.stream().filter(v -> spec.name().equals(v.name())).findFirst().orElse(null);
                if (volume == null) {
                    differences.add("volume " + spec.name() + " is missing");
                } else if (!spec.raidType().equals(volume.raidType()) || volume.driveUris().size() != spec.drives()) {
                    differences.add("volume " + spec.name() + " is " + volume.raidType() + " of "
                            + volume.driveUris().size() + " drives, profile wants " + spec.raidType() + " of " + spec.drives());
                }
            }
            volumes.stream().filter(v -> profile.raid().stream().noneMatch(s -> s.name().equals(v.name())))
                    .forEach(v -> differences.add("volume " + v.name() + " is not in the profile"));
        }
        SystemInventory inventory = redfish.inventory(t.bmc(), t.systemUri());
        for (HardwareProfile.FirmwareSpec spec : profile.firmware()) {
            String version = FirmwareVersions.find(inventory.firmware(), spec.component())
                    .map(SystemInventory.Firmware::version).orElse(null);
            if (!FirmwareVersions.atLeast(version, spec.version())) {
                differences.add("firmware " + spec.component() + " is " + version + ", baseline is " + spec.version());
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("machine " + t.machine().name() + " does not match profile "
                    + profile.name() + ": " + String.join("; ", differences));
        }
        SystemInventory.Identity id = inventory.identity();
        machines.recordHardware(t.machine().id(), new Machine.SystemIdentity(id.manufacturer(), id.model(),
                id.serialNumber(), id.uuid(), id.sku()), inventory.powerState(), InspectHardwareHandler.hardware(inventory));
        return Map.of();
    }
}
