package org.metalflow.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabFleetTest {

    private static List<MachineSpec> specs(LabFleet fleet) {
        return fleet.bmcs().stream().map(SimulatedBmc::spec).toList();
    }

    @Test
    void sameConfigurationGivesTheSameFleet() {
        LabProperties properties = LabProperties.defaults().withSize(40);
        List<MachineSpec> first = specs(new LabFleet(properties));
        List<MachineSpec> second = specs(new LabFleet(properties));

        assertThat(second).isEqualTo(first);
        assertThat(first.get(0).id()).isEqualTo("lab-0001");
    }

    @Test
    void anotherSeedGivesOtherMachines() {
        MachineSpec seed42 = new LabFleet(LabProperties.defaults().withSize(1)).bmc(0).spec();
        MachineSpec seed7 = new LabFleet(LabProperties.defaults().withSize(1).withSeed(7)).bmc(0).spec();

        assertThat(seed7.serialNumber()).isNotEqualTo(seed42.serialNumber());
        assertThat(seed7.macs()).doesNotContainAnyElementsOf(seed42.macs());
        assertThat(seed7.password()).isNotEqualTo(seed42.password());
    }

    @Test
    void vendorMixIsSpreadInProportion() {
        LabFleet fleet = new LabFleet(LabProperties.defaults().withSize(50).withVendorMix("dell:2,hpe:2,generic:1"));
        Map<Vendor, Long> counts = fleet.bmcs().stream()
                .collect(Collectors.groupingBy(SimulatedBmc::vendor, Collectors.counting()));

        assertThat(counts).containsEntry(Vendor.DELL, 20L).containsEntry(Vendor.HPE, 20L).containsEntry(Vendor.GENERIC, 10L);
        assertThat(fleet.bmcs().subList(0, 5)).extracting(SimulatedBmc::vendor).contains(Vendor.DELL, Vendor.HPE, Vendor.GENERIC);
    }

    @Test
    void unknownVendorInTheMixIsRefused() {
        assertThatThrownBy(() -> VendorMix.parse("dell:1,supermicro:1")).hasMessageContaining("supermicro");
        assertThatThrownBy(() -> VendorMix.parse("dell:0")).hasMessageContaining("no vendor");
    }

    @Test
    void hardwareIsVariedAndWithinRealisticBounds() {
        List<MachineSpec> specs = specs(new LabFleet(LabProperties.defaults().withSize(300)));

        assertThat(specs).allSatisfy(spec -> {
            assertThat(spec.cpuCount()).isBetween(1, 2);
            assertThat(spec.memoryGiB()).isBetween(64, 1024);
            assertThat(spec.nics()).hasSizeBetween(2, 4);
            assertThat(spec.drives()).hasSizeBetween(2, 8);
            assertThat(spec.firmware()).hasSizeBetween(3, 6);
            assertThat(spec.drives()).allSatisfy(drive -> {
                assertThat(drive.mediaType()).isIn("SSD", "HDD");
                assertThat(drive.capacityBytes()).isGreaterThan(100_000_000_000L);
            });
            assertThat(spec.nics()).anySatisfy(nic -> assertThat(nic.linkUp()).isTrue());
        });
        assertThat(specs).extracting(MachineSpec::cpuCount).contains(1, 2);
        assertThat(specs.stream().map(spec -> spec.cpu().model()).distinct().count()).isGreaterThan(3);
        assertThat(specs.stream().map(MachineSpec::memoryGiB).distinct().count()).isGreaterThan(4);
        assertThat(specs.stream().flatMap(s -> s.drives().stream()).map(MachineSpec.DriveSpec::mediaType).distinct())
                .containsExactlyInAnyOrder("SSD", "HDD");
        assertThat(specs.stream().flatMap(s -> s.nics().stream()).map(MachineSpec.NicSpec::linkUp).distinct()).contains(true, false);
    }

    @Test
    void dellAndHpeIdentitiesFollowTheirVendorsSchemes() {
        LabFleet fleet = new LabFleet(LabProperties.defaults().withSize(2).withVendorMix("dell:1,hpe:1"));
        MachineSpec dell = fleet.bmc(0).spec();
        MachineSpec hpe = fleet.bmc(1).spec();

        assertThat(dell.sku()).matches("[0-9A-Z]{7}");
        assertThat(dell.uuid()).startsWith("4c4c4544-00");
        assertThat(dell.username()).isEqualTo("root");
        assertThat(hpe.serialNumber()).matches("MXQ[0-9]{6}[0-9A-Z]");
        assertThat(hpe.uuid()).matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
        assertThat(hpe.cpu().model()).hasSize(48).startsWith("AMD EPYC");
        assertThat(hpe.username()).isEqualTo("Administrator");
    }

    @Test
    void addressesFollowTheFirstOneAndSkipZeroAndBroadcastOctets() throws Exception {
        LoopbackAddresses addresses = new LoopbackAddresses("127.1.0.253", 1000);

        assertThat(addresses.addressAt(0).getHostAddress()).isEqualTo("127.1.0.253");
        assertThat(addresses.addressAt(1).getHostAddress()).isEqualTo("127.1.0.254");
        assertThat(addresses.addressAt(2).getHostAddress()).isEqualTo("127.1.1.1");
        assertThat(addresses.indexOf(InetAddress.getByName("127.1.1.1"))).hasValue(2);
        assertThat(addresses.indexOf(InetAddress.getByName("127.1.1.0"))).isEmpty();
        assertThat(addresses.indexOf(InetAddress.getByName("127.1.0.252"))).isEmpty();
        assertThat(addresses.indexOf(InetAddress.getByName("127.0.0.1"))).isEmpty();
        for (int i = 0; i < 1000; i++) {
            InetAddress address = addresses.addressAt(i);
            int last = address.getAddress()[3] & 0xff;
            assertThat(last).isBetween(1, 254);
            assertThat(addresses.indexOf(address)).hasValue(i);
        }
        assertThat(addresses.indexOf(addresses.addressAt(999))).hasValue(999);
    }

    @Test
    void bmcsAreFoundByIdAndAddress() throws Exception {
        LabFleet fleet = new LabFleet(LabProperties.defaults().withSize(3));

        assertThat(fleet.bmcById("lab-0002")).get().extracting(SimulatedBmc::index).isEqualTo(1);
        assertThat(fleet.bmcById("lab-0004")).isEmpty();
        assertThat(fleet.bmcById("nonsense")).isEmpty();
        assertThat(fleet.bmcAt(InetAddress.getByName("127.1.0.3"))).get().extracting(SimulatedBmc::id).isEqualTo("lab-0003");
        assertThat(fleet.bmcAt(InetAddress.getByName("127.1.0.4"))).isEmpty();
    }

    @Test
    void tenThousandBmcsFitWithUniqueIdentities() {
        LabFleet fleet = new LabFleet(LabProperties.defaults().withSize(10_000));

        assertThat(fleet.size()).isEqualTo(10_000);
        Set<String> serials = new HashSet<>();
        Set<String> uuids = new HashSet<>();
        Set<String> macs = new HashSet<>();
        Set<InetAddress> addresses = new HashSet<>();
        int ports = 0;
        for (SimulatedBmc bmc : fleet.bmcs()) {
            MachineSpec spec = bmc.spec();
            serials.add(spec.serialNumber());
            uuids.add(spec.uuid());
            macs.addAll(spec.macs());
            ports += spec.nics().size();
            addresses.add(fleet.addressOf(bmc));
        }
        assertThat(serials).hasSize(10_000);
        assertThat(uuids).hasSize(10_000);
        assertThat(macs).hasSize(ports);
        assertThat(addresses).hasSize(10_000);
        assertThat(macs).allSatisfy(mac -> assertThat(mac).matches("02(:[0-9a-f]{2}){5}"));
        Map<String, Long> byFirstOctets = addresses.stream()
                .collect(Collectors.groupingBy(a -> a.getHostAddress().substring(0, a.getHostAddress().lastIndexOf('.')),
                        Collectors.counting()));
        assertThat(byFirstOctets.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(254));
        assertThat(fleet.bmc(9_999).id()).isEqualTo("lab-10000");
        assertThat(fleet.bmcById("lab-10000")).isPresent();
    }
}
