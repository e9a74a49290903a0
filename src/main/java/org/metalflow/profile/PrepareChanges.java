package org.metalflow.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.metalflow.inventory.ActionChanges;
import org.metalflow.inventory.Hardware;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineAction;
import org.springframework.stereotype.Component;

/**
 * What a prepare would change, judged when it is requested from the profile that would be chosen and the
 * facts the last inspection recorded: each firmware component below the baseline ({@code firmware}, the
 * only kind known to differ), and the BIOS attributes and RAID volumes the profile sets ({@code bios},
 * {@code raid}: the current BIOS attributes and volumes are not in the inventory, so these are what the
 * profile sets, which may already hold). Image URIs are left out: they may carry credentials.
 */
@Component
class PrepareChanges implements ActionChanges {

    private final ProfileService profiles;

    PrepareChanges(ProfileService profiles) {
        this.profiles = profiles;
    }

    @Override
    public List<Change> changes(Machine machine, MachineAction action) {
        if (action != MachineAction.PREPARE) {
            return List.of();
        }
        Optional<HardwareProfile> chosen = profiles.match(machine);
        if (chosen.isEmpty()) {
            return List.of();
        }
        HardwareProfile profile = chosen.get();
        List<Change> changes = new ArrayList<>();
        for (HardwareProfile.FirmwareSpec spec : profile.firmware()) {
            Optional<Hardware.Firmware> installed = machine.hardware().firmware().stream()
                    .filter(f -> FirmwareVersion.names(spec.component(), f.name(), f.id())).findFirst();
            if (installed.isEmpty()) {
                changes.add(new Change("firmware", "firmware " + spec.component() + ": not in the inventory -> "
                        + spec.version() + " or newer"));
            } else if (!FirmwareVersion.atLeast(installed.get().version(), spec.version())) {
                changes.add(new Change("firmware", "firmware " + installed.get().name() + ": "
                        + installed.get().version() + " -> " + spec.version() + " or newer"));
            }
        }
        new TreeMap<>(profile.bios()).forEach((attribute, value) -> changes.add(new Change("bios",
                "BIOS " + attribute + " set to " + value + " (profile " + profile.name() + ")")));
        for (HardwareProfile.VolumeSpec volume : profile.raid()) {
            changes.add(new Change("raid", "RAID volume " + volume.name() + ": " + volume.raidType() + " on "
                    + volume.drives() + (volume.mediaType() == null ? "" : " " + volume.mediaType()) + " drives"
                    + " (profile " + profile.name() + "; other volumes are deleted)"));
        }
        return changes;
    }
}
