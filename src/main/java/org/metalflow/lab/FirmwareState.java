package org.metalflow.lab;

import java.util.ArrayList;
import java.util.List;
import org.metalflow.lab.FirmwareImage.Component;

/**
 * Firmware updates of one BMC. BMC firmware is active once its update task ends; a BIOS image waits for
 * the first boot after that, as on real servers. Not thread-safe: {@link SimulatedBmc} guards it.
 */
final class FirmwareState {

    /** An image whose task ends at {@code readyAtMillis}; {@code active} once it runs. */
    record Staged(Component component, String version, long readyAtMillis, boolean active) {
    }

    private final List<Staged> staged = new ArrayList<>();

    void stage(Component component, String version, long readyAtMillis) {
        staged.add(new Staged(component, version, readyAtMillis, false));
    }

    void boot(long atMillis) {
        staged.replaceAll(s -> s.component() == Component.BIOS && !s.active() && s.readyAtMillis() <= atMillis
                ? new Staged(s.component(), s.version(), s.readyAtMillis(), true) : s);
    }

    /** The version of a component now running, or null if it still runs the generated one. */
    String running(Component component, long nowMillis) {
        String version = null;
        for (Staged s : staged) {
            boolean running = component == Component.BIOS ? s.active() : s.readyAtMillis() <= nowMillis;
            if (s.component() == component && running) {
                version = s.version();
            }
        }
        return version;
    }

    /** The machine as it is now: generated, with the updated firmware versions in place. */
    MachineSpec applyTo(MachineSpec spec, long nowMillis) {
        VendorPersonality personality = spec.vendor().personality();
        List<MachineSpec.FirmwareSpec> firmware = new ArrayList<>(spec.firmware());
        String biosVersion = spec.biosVersion();
        String bmc = running(Component.BMC, nowMillis);
        if (bmc != null) {
            firmware.set(0, personality.withVersion(firmware.get(0), personality.updatedBmcVersion(bmc)));
        }
        String bios = running(Component.BIOS, nowMillis);
        if (bios != null) {
            biosVersion = personality.updatedBiosVersion(spec, bios);
            firmware.set(1, personality.withVersion(firmware.get(1), personality.biosFirmwareVersion(biosVersion)));
        }
        return spec.withFirmware(biosVersion, firmware);
    }
}
