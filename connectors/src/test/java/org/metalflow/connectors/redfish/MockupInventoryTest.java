package org.metalflow.connectors.redfish;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The inventory of every captured mockup, asserted value by value. Expected values were read from the
 * JSON files by hand (jq), not from the connector.
 */
class MockupInventoryTest {

    private MockupRedfishServer server;
    private RedfishConnector connector;

    private BmcEndpoint serve(String mockup) {
        server = new MockupRedfishServer(Mockups.mockup(mockup));
        connector = new RedfishConnector(new RedfishSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 2,
                Duration.ofMinutes(5)));
        return server.endpoint();
    }

    @AfterEach
    void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Requests for probe + inventory on a fresh connector, login included. */
    private int requestsFor(BmcEndpoint bmc, String systemUri) {
        server.resetCounters();
        connector.inventory(bmc, systemUri);
        int count = server.requestCount();
        System.out.println(server.address() + " inventory " + systemUri + ": " + count + " requests "
                + MockupRedfishServer.paths(server.calls()));
        return count;
    }

    @Test
    void rackmount1() {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT);

        ServiceInfo info = connector.probe(bmc);
        assertThat(info.redfishVersion()).isEqualTo("1.15.0");
        assertThat(info.vendor()).isEqualTo("Contoso"); // no Vendor, empty Oem: the system's Manufacturer
        assertThat(info.product()).isNull();
        assertThat(info.uuid()).isEqualTo("92384634-2938-2342-8820-489239905423");
        assertThat(info.systemUris()).containsExactly("/redfish/v1/Systems/437XR1138R2");

        SystemInventory inv = connector.inventory(bmc, "/redfish/v1/Systems/437XR1138R2");
        assertThat(inv.systemUri()).isEqualTo("/redfish/v1/Systems/437XR1138R2");
        assertThat(inv.identity()).isEqualTo(new SystemInventory.Identity("Contoso", "3500", "437XR1138R2",
                "38947555-7742-3448-3784-823347823834", "8675309", "web483"));
        assertThat(inv.powerState()).isEqualTo("On");
        assertThat(inv.biosVersion()).isEqualTo("P79 v1.45 (12/06/2017)");
        // CPU2 is Absent and FPGA1 is not a CPU, although ProcessorSummary.Count says 2
        assertThat(inv.processors()).isEqualTo(new SystemInventory.Processors(1, 8, 16,
                "Multi-Core Intel(R) Xeon(R) processor 7xxx Series"));
        assertThat(inv.memoryMiB()).isEqualTo(96L * 1024);
        assertThat(inv.nics()).containsExactlyInAnyOrder(
                new SystemInventory.Nic("12446A3B0411", "12:44:6a:3b:04:11", "LinkUp", 1000),
                new SystemInventory.Nic("12446A3B8890", "aa:bb:cc:dd:ee:00", "LinkUp", 1000),
                new SystemInventory.Nic("VLAN1", "12:44:6a:3b:04:11", "LinkUp", 1000),
                new SystemInventory.Nic("ToManager", "aa:bb:cc:dd:ee:fe", null, 100));
        // No Storage: SimpleStorage devices, bays 3 and 4 Absent
        assertThat(inv.drives()).containsExactly(
                new SystemInventory.Drive(null, "SATA Bay 1", 8_000_000_000_000L, null, null, "3000GT8", null),
                new SystemInventory.Drive(null, "SATA Bay 2", 4_000_000_000_000L, null, null, "3000GT7", null));
        // AC-RoT0 exists as a file but is not a member of the collection
        assertThat(inv.firmware()).containsExactlyInAnyOrder(
                new SystemInventory.Firmware("BMC", "Contoso BMC Firmware", "1.45.455b66-rev4", true),
                new SystemInventory.Firmware("SS", "Contoso Simple Storage Firmware", "2.50", true),
                new SystemInventory.Firmware("BIOS", "Contoso BIOS Firmware", "P79 v1.45", true));
        assertThat(inv.resetTypes()).containsExactly("On", "ForceOff", "GracefulShutdown", "GracefulRestart",
                "ForceRestart", "Nmi", "ForceOn", "PushPowerButton");
        assertThat(inv.bootTargets()).containsExactly("None", "Pxe", "Cd", "Usb", "Hdd", "BiosSetup", "Utilities",
                "Diags", "SDCard", "UefiTarget");
        assertThat(inv.bootMode()).isEqualTo("UEFI");

        // system, Processors, EthernetInterfaces, SimpleStorage, UpdateService, FirmwareInventory (expanded)
        assertThat(requestsFor(bmc, "/redfish/v1/Systems/437XR1138R2")).isEqualTo(6);
    }

    @Test
    void bladedHasFourSystems() {
        BmcEndpoint bmc = serve(Mockups.BLADED);

        ServiceInfo info = connector.probe(bmc);
        assertThat(info.redfishVersion()).isEqualTo("1.0.2");
        assertThat(info.vendor()).isEqualTo("Contoso");
        assertThat(info.product()).isNull();
        assertThat(info.uuid()).isEqualTo("85775665-c110-4b85-8989-e6162170b3ec");
        assertThat(info.systemUris()).containsExactly("/redfish/v1/Systems/529QB9450R6",
                "/redfish/v1/Systems/529QB9451R6", "/redfish/v1/Systems/529QB9452R6",
                "/redfish/v1/Systems/529QB9453R6");

        for (String uri : info.systemUris()) {
            String serial = uri.substring(uri.lastIndexOf('/') + 1);
            SystemInventory inv = connector.inventory(bmc, uri);
            assertThat(inv.identity()).isEqualTo(
                    new SystemInventory.Identity("Contoso", "SX1000", serial, null, "6914260", null));
            assertThat(inv.powerState()).isEqualTo("On");
            assertThat(inv.biosVersion()).isEqualTo("P86 v1.58 (10/15/2015)");
            assertThat(inv.processors()).isEqualTo(new SystemInventory.Processors(1, 4, 8,
                    "Multi-Core Intel(R) Xeon(R) processor E5-1603"));
            assertThat(inv.memoryMiB()).isEqualTo(64L * 1024);
            assertThat(inv.nics()).isEmpty();
            assertThat(inv.drives()).containsExactly(
                    new SystemInventory.Drive(null, "SATA Bay 1", null, null, null, "3000GT8", null),
                    new SystemInventory.Drive(null, "SATA Bay 2", null, null, null, "3000GT8", null));
            assertThat(inv.firmware()).isEmpty(); // no UpdateService
            assertThat(inv.resetTypes()).containsExactly("On", "ForceOff", "GracefulShutdown", "GracefulRestart",
                    "ForceRestart", "Nmi", "ForceOn", "PushPowerButton");
            assertThat(inv.bootTargets()).containsExactly("None", "Pxe", "Floppy", "Cd", "Usb", "Hdd", "BiosSetup");
            assertThat(inv.bootMode()).isNull();
        }
        // no $expand advertised: system, Processors + CPU, SimpleStorage + 1
        assertThat(requestsFor(bmc, "/redfish/v1/Systems/529QB9452R6")).isEqualTo(5);
    }

    @Test
    void dellR750() {
        BmcEndpoint bmc = serve(Mockups.DELL);

        ServiceInfo info = connector.probe(bmc);
        assertThat(info.redfishVersion()).isEqualTo("1.13.1");
        assertThat(info.vendor()).isEqualTo("Dell");
        assertThat(info.product()).isEqualTo("Integrated Dell Remote Access Controller");
        assertThat(info.uuid()).isNull();
        assertThat(info.systemUris()).containsExactly("/redfish/v1/Systems/System.Embedded.1");

        SystemInventory inv = connector.inventory(bmc, "/redfish/v1/Systems/System.Embedded.1");
        // HostName is "" in the capture: not reported
        assertThat(inv.identity()).isEqualTo(new SystemInventory.Identity("Dell Inc.", "PowerEdge R750",
                "CNIVC0014M0388", "4c4c4544-0035-3410-8050-c6c04f314733", "F54P1G3", null));
        assertThat(inv.powerState()).isEqualTo("On");
        assertThat(inv.biosVersion()).isEqualTo("1.8.2");
        // the H100 GPU is a Processor too
        assertThat(inv.processors()).isEqualTo(new SystemInventory.Processors(2, 36, 72,
                "Intel(R) Xeon(R) Gold 6354 CPU @ 3.00GHz"));
        assertThat(inv.memoryMiB()).isEqualTo(512L * 1024);
        assertThat(inv.nics()).containsExactlyInAnyOrder(
                new SystemInventory.Nic("NIC.Embedded.1-1-1", "70:b5:e8:f0:52:dc", "LinkDown", 0),
                new SystemInventory.Nic("NIC.Embedded.2-1-1", "70:b5:e8:f0:52:dd", "LinkDown", 0),
                new SystemInventory.Nic("NIC.Integrated.1-1-1", "e4:3d:1a:13:27:f0", "LinkDown", 0),
                new SystemInventory.Nic("NIC.Integrated.1-2-1", "e4:3d:1a:13:27:f1", "LinkDown", 0),
                new SystemInventory.Nic("NIC.Slot.5-1", "b8:3f:d2:90:97:c4", null, 0));
        assertThat(inv.drives()).extracting(SystemInventory.Drive::id, SystemInventory.Drive::capacityBytes,
                        SystemInventory.Drive::mediaType, SystemInventory.Drive::protocol,
                        SystemInventory.Drive::model, SystemInventory.Drive::serialNumber)
                .containsExactlyInAnyOrder(
                        tuple("Disk.Bay.0:Enclosure.Internal.0-1", 1_920_383_410_176L, "SSD", "PCIe",
                                "Dell Ent NVMe CM6 RI 1.92TB", "61X0A002TCD8"),
                        tuple("Disk.Bay.1:Enclosure.Internal.0-1", 1_920_383_410_176L, "SSD", "PCIe",
                                "Dell Ent NVMe CM6 RI 1.92TB", "61M0A08ZTCD8"),
                        tuple("Disk.Bay.2:Enclosure.Internal.0-1", 1_920_383_410_176L, "SSD", "PCIe",
                                "Dell Ent NVMe CM6 RI 1.92TB", "61P0A06CTCD8"));
        // 29 items: 21 Installed, 6 Current copies of Installed ones, 2 Previous (DellQuirks keeps the Installed)
        assertThat(inv.firmware()).hasSize(21).contains(
                new SystemInventory.Firmware("Installed-159-1.8.2__BIOS.Setup.1-1", "BIOS", "1.8.2", true),
                new SystemInventory.Firmware("Installed-25227-6.00.30.00__iDRAC.Embedded.1-1",
                        "Integrated Dell Remote Access Controller", "6.00.30.00", true))
                .allSatisfy(f -> assertThat(f.id()).startsWith("Installed-"));
        assertThat(inv.resetTypes()).containsExactly("On", "ForceOff", "ForceRestart", "GracefulRestart",
                "GracefulShutdown", "PushPowerButton", "Nmi", "PowerCycle");
        assertThat(inv.bootTargets()).containsExactly("None", "Pxe", "Floppy", "Cd", "Hdd", "BiosSetup",
                "Utilities", "UefiTarget", "SDCard", "UefiHttp").doesNotContain("Usb");
        assertThat(inv.bootMode()).isEqualTo("UEFI");

        // system, Processors, EthernetInterfaces, Storage, 3 drives, UpdateService, FirmwareInventory
        assertThat(requestsFor(bmc, "/redfish/v1/Systems/System.Embedded.1")).isEqualTo(9);
    }

    @Test
    void hpeDl385() {
        BmcEndpoint bmc = serve(Mockups.HPE);

        ServiceInfo info = connector.probe(bmc);
        assertThat(info.redfishVersion()).isEqualTo("1.6.0");
        assertThat(info.vendor()).isEqualTo("HPE");
        assertThat(info.product()).isEqualTo("ProLiant DL385 Gen10 Plus v2");
        assertThat(info.uuid()).isEqualTo("9aec7545-83e2-5c89-914f-dc8d329ec957");
        assertThat(info.systemUris()).containsExactly("/redfish/v1/Systems/1");

        SystemInventory inv = connector.inventory(bmc, "/redfish/v1/Systems/1");
        assertThat(inv.identity()).isEqualTo(new SystemInventory.Identity("HPE", "ProLiant DL385 Gen10 Plus v2",
                "MXQ302099S", "34383350-3131-584D-5133-303230393953", "P38411-B21", null));
        assertThat(inv.powerState()).isEqualTo("On");
        assertThat(inv.biosVersion()).isEqualTo("A42 v2.60 (08/11/2022)");
        // iLO pads the model with spaces
        assertThat(inv.processors()).isEqualTo(new SystemInventory.Processors(2, 128, 256,
                "AMD EPYC 7763 64-Core Processor"));
        assertThat(inv.memoryMiB()).isEqualTo(1024L * 1024);
        assertThat(inv.nics()).containsExactlyInAnyOrder(
                new SystemInventory.Nic("1", "50:7c:6f:11:f2:a6", null, null),
                new SystemInventory.Nic("2", "50:7c:6f:11:f2:a7", null, null),
                new SystemInventory.Nic("3", "50:7c:6f:11:f2:a8", null, null),
                new SystemInventory.Nic("4", "50:7c:6f:11:f2:a9", null, null),
                new SystemInventory.Nic("5", "88:e9:a4:87:42:c8", null, null),
                new SystemInventory.Nic("6", "88:e9:a4:80:9d:a2", null, null),
                new SystemInventory.Nic("7", "b8:3f:d2:d7:f7:4a", null, null));
        assertThat(inv.drives()).hasSize(18);
        assertThat(inv.drives()).filteredOn(d -> "NVMe".equals(d.protocol()))
                .hasSize(16)
                .allSatisfy(d -> {
                    assertThat(d.capacityBytes()).isEqualTo(6_401_252_745_216L);
                    assertThat(d.mediaType()).isEqualTo("SSD");
                    assertThat(d.model()).isEqualTo("MZXLR6T4HALA-000H3");
                })
                .extracting(SystemInventory.Drive::id)
                .containsExactlyInAnyOrder("DA000000", "DA000001", "DA000004", "DA000005", "DA000008",
                        "DA000009", "DA00000C", "DA00000D", "DA000010", "DA000011", "DA000014", "DA000015",
                        "DA000018", "DA000019", "DA00001C", "DA00001D");
        assertThat(inv.drives()).filteredOn(d -> "SATA".equals(d.protocol()))
                .containsExactlyInAnyOrder(
                        new SystemInventory.Drive("0", "480GB 6G SATA SSD", 480_103_981_056L, "SSD", "SATA",
                                "VK000480GZXRF", "S6MPNE0T802701"),
                        new SystemInventory.Drive("1", "480GB 6G SATA SSD", 480_103_981_056L, "SSD", "SATA",
                                "VK000480GZXRF", "S6MPNE0T802706"));
        assertThat(inv.drives().stream().mapToLong(SystemInventory.Drive::capacityBytes).sum())
                .isEqualTo(103_380_251_885_568L);
        assertThat(inv.firmware()).hasSize(48).contains(
                new SystemInventory.Firmware("1", "iLO 5", "2.72 Sep 04 2022", true),
                new SystemInventory.Firmware("2", "System ROM", "A42 v2.60 (08/11/2022)", true),
                new SystemInventory.Firmware("14", "TPM Firmware", "73.64", false));
        assertThat(inv.resetTypes()).containsExactly("On", "ForceOff", "GracefulShutdown", "ForceRestart", "Nmi",
                "PushPowerButton", "GracefulRestart");
        assertThat(inv.bootTargets()).containsExactly("None", "Cd", "Hdd", "Usb", "SDCard", "Utilities", "Diags",
                "BiosSetup", "Pxe", "UefiShell", "UefiHttp", "UefiTarget");
        assertThat(inv.bootMode()).isEqualTo("UEFI");

        // system, Processors, EthernetInterfaces, Storage, 18 drives, UpdateService, FirmwareInventory
        assertThat(requestsFor(bmc, "/redfish/v1/Systems/1")).isEqualTo(24);
    }

    /** $expand saves requests but must not change a single value. */
    @ParameterizedTest
    @ValueSource(strings = {Mockups.RACKMOUNT, Mockups.DELL, Mockups.HPE})
    void sameInventoryWithoutExpand(String mockup) {
        BmcEndpoint bmc = serve(mockup);
        String system = connector.probe(bmc).systemUris().get(0);
        server.resetCounters();
        SystemInventory expanded = connector.inventory(bmc, system);
        int withExpand = server.requestCount();

        server.expandSupported = false;
        server.resetCounters();
        SystemInventory plain = connector.inventory(bmc, system);
        int withoutExpand = server.requestCount();
        System.out.println(mockup + ": " + withExpand + " requests with $expand, " + withoutExpand + " without");

        assertThat(plain).isEqualTo(expanded);
        assertThat(withExpand).isLessThan(withoutExpand);
    }
}
