package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each quirk class against the same BMC without it: the mockup's vendor is renamed to one nobody wrote a
 * quirk for, and the generic behaviour shows what the quirk changes.
 */
class VendorQuirksTest {

    private static final String DELL = "/redfish/v1/Systems/System.Embedded.1";
    private static final String RACK = "/redfish/v1/Systems/437XR1138R2";
    private MockupRedfishServer server;
    private RedfishConnector connector;

    private BmcEndpoint serve(String mockup, String vendor, String systemUri) throws Exception {
        stop();
        server = new MockupRedfishServer(Mockups.mockup(mockup));
        connector = new RedfishConnector(
                new RedfishSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMinutes(5)));
        if (vendor != null) {
            ResourceReaderFixture fixture = new ResourceReaderFixture(server);
            ObjectNode root = (ObjectNode) fixture.read("/redfish/v1");
            root.put("Vendor", vendor);
            root.remove("Oem");
            server.put("/redfish/v1", root.toString());
            ObjectNode system = (ObjectNode) fixture.read(systemUri);
            system.put("Manufacturer", vendor);
            server.put(systemUri, system.toString());
        }
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
        connector = null;
        server = null;
    }

    @Test
    void resolvedByVendorThenOemThenManufacturer() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        assertThat(VendorQuirksResolver.resolve(root.put("Vendor", "Dell"), null)).isInstanceOf(DellQuirks.class);
        assertThat(VendorQuirksResolver.resolve(root.put("Vendor", "HPE"), null)).isInstanceOf(HpeQuirks.class);
        assertThat(VendorQuirksResolver.resolve(root.put("Vendor", "Lenovo"), null)).isInstanceOf(LenovoQuirks.class);
        assertThat(VendorQuirksResolver.resolve(root.put("Vendor", "Supermicro"), null))
                .isInstanceOf(SupermicroQuirks.class);
        assertThat(VendorQuirksResolver.resolve(root.put("Vendor", "AMI"), null)).isInstanceOf(AmiQuirks.class);
        ObjectNode oemOnly = Json.MAPPER.createObjectNode();
        oemOnly.putObject("Oem").putObject("Hpe");
        assertThat(VendorQuirksResolver.resolve(oemOnly, null)).isInstanceOf(HpeQuirks.class);
        JsonNode system = Json.MAPPER.createObjectNode().put("Manufacturer", "Dell Inc.");
        assertThat(VendorQuirksResolver.resolve(Json.MAPPER.createObjectNode(), system)).isInstanceOf(DellQuirks.class);
        assertThat(VendorQuirksResolver.resolve(root.put("Vendor", "Contoso"), null)).isSameAs(GenericQuirks.INSTANCE);
        assertThat(VendorQuirksResolver.resolve(null, null)).isSameAs(GenericQuirks.INSTANCE);
    }

    @Test
    void dellFirmwareInventoryKeepsInstalledCopiesOnly() throws Exception {
        BmcEndpoint dell = serve(Mockups.DELL, null, DELL);
        assertThat(connector.inventory(dell, DELL).firmware()).hasSize(21)
                .noneMatch(f -> f.id().startsWith("Previous-") || f.id().startsWith("Current-"));

        BmcEndpoint generic = serve(Mockups.DELL, "Contoso", DELL);
        assertThat(connector.inventory(generic, DELL).firmware()).hasSize(29)
                .anyMatch(f -> f.id().equals("Previous-25227-4.40.29.00__iDRAC.Embedded.1-1"))
                .anyMatch(f -> f.id().equals("Current-159-1.8.2__BIOS.Setup.1-1"));
    }

    @Test
    void dellCurrentCopyWithoutAnInstalledOneIsKept() {
        DellQuirks dell = new DellQuirks();
        java.util.Set<String> ids = java.util.Set.of("Current-1-2__X.1", "Installed-1-2__Y.1", "Current-1-2__Y.1");
        assertThat(dell.reportsFirmware("Current-1-2__X.1", ids)).isTrue();
        assertThat(dell.reportsFirmware("Current-1-2__Y.1", ids)).isFalse();
        assertThat(dell.reportsFirmware(null, ids)).isTrue();
    }

    @Test
    void dellVirtualMediaOfTheSystemRatherThanTheDeprecatedManagerSlots() throws Exception {
        BmcEndpoint dell = serve(Mockups.DELL, null, DELL);
        assertThat(connector.virtualMedia(dell, DELL)).extracting(VirtualMediaSlot::id).containsExactly("1", "2");
        assertThat(connector.virtualMedia(dell, DELL)).extracting(VirtualMediaSlot::mediaTypes)
                .containsOnly(List.of("CD", "DVD", "USBStick"));

        BmcEndpoint generic = serve(Mockups.DELL, "Contoso", DELL);
        assertThat(connector.virtualMedia(generic, DELL)).extracting(VirtualMediaSlot::id, VirtualMediaSlot::mediaTypes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("RemovableDisk", List.of("USBStick")),
                        org.assertj.core.groups.Tuple.tuple("CD", List.of("CD", "DVD")));
    }

    @Test
    void hpeUpdateWithoutTaskIsFollowedThroughTheUpdateServiceState() throws Exception {
        BmcEndpoint hpe = serve(Mockups.HPE, null, "/redfish/v1/Systems/1");
        server.updateWithoutTask = true;
        TaskStatus started = connector.simpleUpdate(hpe, "https://repo.example/ilo5_278.fwpkg", null);
        assertThat(started.uri()).isEqualTo("/redfish/v1/UpdateService");
        assertThat(started.done()).as("Idle until the iLO starts downloading").isFalse();

        ObjectNode updateService = (ObjectNode) new ResourceReaderFixture(server).read("/redfish/v1/UpdateService");
        ((ObjectNode) updateService.path("Oem").path("Hpe")).put("State", "Complete");
        server.put("/redfish/v1/UpdateService", updateService.toString());
        TaskStatus done = connector.task(hpe, started.uri());
        assertThat(done.succeeded()).isTrue();
        assertThat(done.messages()).contains("iLO update state Complete");

        BmcEndpoint generic = serve(Mockups.HPE, "Contoso", "/redfish/v1/Systems/1");
        server.updateWithoutTask = true;
        TaskStatus unknown = connector.simpleUpdate(generic, "https://repo.example/ilo5_278.fwpkg", null);
        assertThat(unknown.uri()).isNull();
        assertThat(unknown.messages()).containsExactly("the BMC accepted the update without a task to follow");
    }

    @Test
    void lenovoSendsEnabledWithEveryTarget() throws Exception {
        // rackmount1 is at Pxe, Once: a new target alone would leave Enabled out
        BmcEndpoint lenovo = serve(Mockups.RACKMOUNT, "Lenovo", RACK);
        connector.setBootOverride(lenovo, RACK, BootOverride.once("Hdd"));
        assertThat(lastPatch()).isEqualTo("{\"Boot\":{\"BootSourceOverrideTarget\":\"Hdd\","
                + "\"BootSourceOverrideEnabled\":\"Once\"}}");

        BmcEndpoint generic = serve(Mockups.RACKMOUNT, "Contoso", RACK);
        connector.setBootOverride(generic, RACK, BootOverride.once("Hdd"));
        assertThat(lastPatch()).isEqualTo("{\"Boot\":{\"BootSourceOverrideTarget\":\"Hdd\"}}");
    }

    @Test
    void supermicroSendsTheModeAlong() throws Exception {
        BmcEndpoint supermicro = serve(Mockups.RACKMOUNT, "Supermicro", RACK);
        connector.setBootOverride(supermicro, RACK, BootOverride.once("Hdd"));
        assertThat(lastPatch()).isEqualTo("{\"Boot\":{\"BootSourceOverrideTarget\":\"Hdd\","
                + "\"BootSourceOverrideMode\":\"UEFI\"}}");
        // nothing changes: nothing sent, not even the mode
        connector.setBootOverride(supermicro, RACK, BootOverride.once("Hdd"));
        assertThat(server.count("PATCH")).isEqualTo(1);
    }

    @Test
    void amiSendsTheModeAlong() throws Exception {
        BmcEndpoint ami = serve(Mockups.RACKMOUNT, "AMI", RACK);
        connector.setBootOverride(ami, RACK, new BootOverride("Cd", BootOverride.Enabled.Continuous, null));
        assertThat(lastPatch()).isEqualTo("{\"Boot\":{\"BootSourceOverrideTarget\":\"Cd\","
                + "\"BootSourceOverrideEnabled\":\"Continuous\",\"BootSourceOverrideMode\":\"UEFI\"}}");

        BmcEndpoint generic = serve(Mockups.RACKMOUNT, "Contoso", RACK);
        connector.setBootOverride(generic, RACK, new BootOverride("Cd", BootOverride.Enabled.Continuous, null));
        assertThat(lastPatch()).isEqualTo("{\"Boot\":{\"BootSourceOverrideTarget\":\"Cd\","
                + "\"BootSourceOverrideEnabled\":\"Continuous\"}}");
    }

    private String lastPatch() {
        return server.calls().stream().filter(c -> c.method().equals("PATCH")).reduce((a, b) -> b)
                .map(MockupRedfishServer.Call::body).orElseThrow();
    }
}
