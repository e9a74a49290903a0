package org.metalflow.boot;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.metalflow.inventory.Hardware;
import org.metalflow.inventory.Machine;

/**
 * The NIC a machine network-boots and installs through: the first one inspection found with a MAC (NICs in
 * the order of their Redfish ids), as PXE ROMs try them in that order by default.
 */
public final class BootNic {

    private BootNic() {
    }

    public static Optional<String> macOf(Machine machine) {
        if (machine.hardware() == null) {
            return Optional.empty();
        }
        return machine.hardware().nics().stream()
                .filter(nic -> nic.macAddress() != null && !nic.macAddress().isBlank())
                .sorted(Comparator.comparing(Hardware.Nic::id))
                .map(nic -> nic.macAddress().toLowerCase(Locale.ROOT))
                .findFirst();
    }
}
