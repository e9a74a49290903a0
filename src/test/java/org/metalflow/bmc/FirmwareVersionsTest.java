package org.metalflow.bmc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.metalflow.connectors.redfish.SystemInventory;

class FirmwareVersionsTest {

    @Test
    void comparesDottedVersionsNumerically() {
        assertThat(FirmwareVersions.atLeast("1.10.2", "1.9.8")).isTrue();
        assertThat(FirmwareVersions.atLeast("1.9.8", "1.10.2")).isFalse();
        assertThat(FirmwareVersions.atLeast("2.3.4", "2.3.4")).isTrue();
        assertThat(FirmwareVersions.atLeast("2.3", "2.3.1")).isFalse();
        assertThat(FirmwareVersions.atLeast("U46 v2.72 (03/13/2023)", "U46 v2.70")).isTrue();
        assertThat(FirmwareVersions.atLeast("U46 v2.68 (01/10/2023)", "U46 v2.70")).isFalse();
        assertThat(FirmwareVersions.atLeast(null, "1.0")).isFalse();
    }

    @Test
    void findsAComponentByNameOrId() {
        List<SystemInventory.Firmware> fw = List.of(new SystemInventory.Firmware("Installed-159-1.8.2", "BIOS", "1.8.2", true),
                new SystemInventory.Firmware("iLO", "iLO 5", "2.72", true));
        assertThat(FirmwareVersions.find(fw, "bios")).get().extracting(SystemInventory.Firmware::version).isEqualTo("1.8.2");
        assertThat(FirmwareVersions.find(fw, "ilo 5")).isPresent();
        assertThat(FirmwareVersions.find(fw, "NIC")).isEmpty();
    }
}
