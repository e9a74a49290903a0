package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Paging with Members@odata.nextLink, links to resources a BMC does not serve, trailing slashes. */
class LinkFollowingTest {

    private MockupRedfishServer server;
    private RedfishTransport transport;
    private RedfishConnector connector;

    private BmcEndpoint serve(String mockup) {
        server = new MockupRedfishServer(Mockups.mockup(mockup));
        RedfishSettings settings = new RedfishSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 2,
                Duration.ofMinutes(5));
        transport = new RedfishTransport(settings, new TlsClients(new OkHttpClient()));
        connector = new RedfishConnector(settings);
        return server.endpoint();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            transport.close();
            connector.close();
            server.close();
        }
    }

    @Test
    void followsDellNextLinkPages() {
        BmcEndpoint bmc = serve(Mockups.DELL);
        ResourceReader reader = new ResourceReader(transport, bmc);
        transport.serviceRoot(bmc);
        server.resetCounters();

        List<JsonNode> slots = reader.members("/redfish/v1/Systems/System.Embedded.1/Oem/Dell/DellSlots");
        assertThat(slots).hasSize(67); // Members@odata.count 67 over a page of 50 and one of 17
        assertThat(slots).extracting(s -> s.path("Id").asText()).doesNotHaveDuplicates();
        // members are embedded in the pages: two requests, no per-member GET
        assertThat(MockupRedfishServer.paths(server.calls())).containsExactly(
                "GET /redfish/v1/Systems/System.Embedded.1/Oem/Dell/DellSlots?$expand=.($levels=1)",
                "GET /redfish/v1/Systems/System.Embedded.1/Oem/Dell/DellSlots?$skip=50");
    }

    @Test
    void inventoryFollowsSyntheticProcessorPages() {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT);
        String processors = "/redfish/v1/Systems/437XR1138R2/Processors";
        server.put(processors, """
                {"@odata.id": "/redfish/v1/Systems/437XR1138R2/Processors", "Members@odata.count": 3,
                 "Members": [{"@odata.id": "/redfish/v1/Systems/437XR1138R2/Processors/FPGA1"},
                             {"@odata.id": "/redfish/v1/Systems/437XR1138R2/Processors/CPU2"}],
                 "Members@odata.nextLink": "/redfish/v1/Systems/437XR1138R2/Processors?$skip=2"}""");
        server.put(processors + "?$skip=2", """
                {"@odata.id": "/redfish/v1/Systems/437XR1138R2/Processors", "Members@odata.count": 3,
                 "Members": [{"@odata.id": "/redfish/v1/Systems/437XR1138R2/Processors/CPU1"}]}""");

        SystemInventory inventory = connector.inventory(bmc, "/redfish/v1/Systems/437XR1138R2");
        assertThat(inventory.processors()).isEqualTo(new SystemInventory.Processors(1, 8, 16,
                "Multi-Core Intel(R) Xeon(R) processor 7xxx Series"));
        assertThat(server.count("GET", processors)).isEqualTo(2);
    }

    @Test
    void missingLinkedResourcesReadAsAbsent() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        server.remove("/redfish/v1/Systems/1/Storage/DA000000/Drives/DA000000/");
        server.remove("/redfish/v1/UpdateService");

        SystemInventory inventory = connector.inventory(bmc, "/redfish/v1/Systems/1");
        assertThat(inventory.drives()).hasSize(17);
        assertThat(inventory.firmware()).isEmpty();
    }

    @Test
    void memoryIsSummedFromPresentDimmsWithoutASummary() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        JsonNode system = new ResourceReader(transport, bmc).get("/redfish/v1/Systems/1");
        ((com.fasterxml.jackson.databind.node.ObjectNode) system).remove("MemorySummary");
        server.put("/redfish/v1/Systems/1", system.toString());

        // 16 of 32 slots hold a 64 GiB DIMM; the empty ones report CapacityMiB 0 and State Absent
        assertThat(connector.inventory(bmc, "/redfish/v1/Systems/1").memoryMiB()).isEqualTo(16L * 65536);
    }

    @Test
    void macAddressesAreNormalised() {
        assertThat(InventoryReader.normaliseMac("AA:BB:CC:DD:EE:FF")).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(InventoryReader.normaliseMac("aabb.ccdd.eeff")).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(InventoryReader.normaliseMac("AA-BB-CC-DD-EE-FF")).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(InventoryReader.normaliseMac("AABBCCDDEEFF")).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(InventoryReader.normaliseMac(null)).isNull();
    }

    @Test
    void errorMessageNamesBmcMethodPathAndWhatToCheck() {
        assertThat(RedfishErrors.httpFailure("https://127.1.0.3:8443", "POST",
                "/redfish/v1/SessionService/Sessions", 401, null).getMessage())
                .isEqualTo("BMC https://127.1.0.3:8443 refused POST /redfish/v1/SessionService/Sessions: "
                        + "401 Unauthorized (check the BMC user name and password)");
    }
}
