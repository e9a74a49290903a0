package org.metalflow.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.metalflow.inventory.ActionChanges;
import org.metalflow.inventory.Hardware;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineAction;
import org.metalflow.inventory.MachineState;

/** What a prepare would change, from the inventory's firmware and the profile that would be chosen. */
class PrepareChangesTest {

    private static final HardwareProfile PROFILE = new HardwareProfile("r650", null, null, 10,
            Map.of("BootMode", "Uefi"),
            List.of(new HardwareProfile.VolumeSpec("os", "RAID1", 2, "SSD")),
            List.of(new HardwareProfile.FirmwareSpec("BIOS", "1.10.2", "http://user:secret@repo/bios.exe"),
                    new HardwareProfile.FirmwareSpec("iDRAC", "7.0", "http://repo/idrac.exe"),
                    new HardwareProfile.FirmwareSpec("NIC", "22.0", "http://repo/nic.exe")));

    @Test
    void firmwareBelowTheBaselineOrMissingIsAChangeAndTheProfileSettingsAreListed() {
        List<ActionChanges.Change> changes = changes(PROFILE).changes(machine(List.of(
                new Hardware.Firmware("Installed-BIOS", "BIOS", "1.9.8", true),
                new Hardware.Firmware("Installed-iDRAC", "Integrated Dell Remote Access Controller (iDRAC)", "7.10", true))),
                MachineAction.PREPARE);
        assertThat(changes).containsExactly(
                new ActionChanges.Change("firmware", "firmware BIOS: 1.9.8 -> 1.10.2 or newer"),
                new ActionChanges.Change("firmware", "firmware NIC: not in the inventory -> 22.0 or newer"),
                new ActionChanges.Change("bios", "BIOS BootMode set to Uefi (profile r650)"),
                new ActionChanges.Change("raid", "RAID volume os: RAID1 on 2 SSD drives (profile r650; other volumes are deleted)"));
        assertThat(changes.toString()).doesNotContain("secret");
    }

    @Test
    void otherActionsAndMachinesWithoutAProfileChangeNothingKnown() {
        assertThat(changes(PROFILE).changes(machine(List.of()), MachineAction.DEPLOY)).isEmpty();
        assertThat(changes(null).changes(machine(List.of()), MachineAction.PREPARE)).isEmpty();
    }

    private static PrepareChanges changes(HardwareProfile chosen) {
        return new PrepareChanges(new ProfileService(null, null) {
            @Override
            public Optional<HardwareProfile> match(Machine machine) {
                return Optional.ofNullable(chosen);
            }
        });
    }

    private static Machine machine(List<Hardware.Firmware> firmware) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Machine(UUID.randomUUID(), "node-1", MachineState.MANAGEABLE, null, false, null, null,
                new Machine.SystemIdentity("Dell Inc.", "PowerEdge R650", "S1", null, null), "On",
                new Hardware(null, null, null, null, null, null, null, null, null, firmware), now, null,
                null, now, now, List.of());
    }
}
