package org.metalflow.connectors.redfish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.springframework.http.MediaType;

/**
 * Each captured BMC, served by the file-backed test server, registered through the platform's API: the
 * machine the API shows after enroll and inspect carries the values of the capture. (The connector-level
 * assertions of every field are in {@link MockupInventoryTest}.)
 */
class MockupsThroughTheApiTest extends IntegrationTest {

    private final List<MockupRedfishServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (MockupRedfishServer server : servers) {
            server.close();
        }
    }

    @Test
    void dellR750() {
        JsonNode m = enroll(Mockups.DELL, "mockup-dell", "");
        assertIdentity(m, "Dell Inc.", "PowerEdge R750", "CNIVC0014M0388");
        assertHardware(m, 2, 512L * 1024, "1.8.2",
                List.of("70:b5:e8:f0:52:dc", "70:b5:e8:f0:52:dd", "e4:3d:1a:13:27:f0", "e4:3d:1a:13:27:f1",
                        "b8:3f:d2:90:97:c4"),
                List.of(1_920_383_410_176L, 1_920_383_410_176L, 1_920_383_410_176L));
        assertThat(m.at("/hardware/firmware")).hasSize(21);
    }

    @Test
    void hpeDl385() {
        JsonNode m = enroll(Mockups.HPE, "mockup-hpe", "");
        assertIdentity(m, "HPE", "ProLiant DL385 Gen10 Plus v2", "MXQ302099S");
        assertThat(m.at("/hardware/cpuCount").asInt()).isEqualTo(2);
        assertThat(m.at("/hardware/cpuCores").asInt()).isEqualTo(128);
        assertThat(m.at("/hardware/memoryMiB").asLong()).isEqualTo(1024L * 1024);
        assertThat(m.at("/hardware/biosVersion").asText()).isEqualTo("A42 v2.60 (08/11/2022)");
        assertThat(macs(m)).contains("50:7c:6f:11:f2:a6", "88:e9:a4:87:42:c8", "b8:3f:d2:d7:f7:4a");
    }

    @Test
    void rackmountWithSimpleStorageDrivesThatHaveNoIds() {
        JsonNode m = enroll(Mockups.RACKMOUNT, "mockup-rackmount", "");
        assertIdentity(m, "Contoso", "3500", "437XR1138R2");
        assertHardware(m, 1, 96L * 1024, "P79 v1.45 (12/06/2017)",
                List.of("12:44:6a:3b:04:11", "aa:bb:cc:dd:ee:00", "12:44:6a:3b:04:11", "aa:bb:cc:dd:ee:fe"),
                List.of(8_000_000_000_000L, 4_000_000_000_000L));
    }

    @Test
    void bladedEnclosureGivesOneMachinePerSystem() {
        MockupRedfishServer server = serve(Mockups.BLADED);
        for (String serial : List.of("529QB9450R6", "529QB9453R6")) {
            JsonNode m = enroll(server, "mockup-blade-" + serial.toLowerCase(), serial);
            assertIdentity(m, "Contoso", "SX1000", serial);
            assertThat(m.at("/bmc/systemUri").asText()).isEqualTo("/redfish/v1/Systems/" + serial);
            assertThat(m.at("/hardware/memoryMiB").asLong()).isEqualTo(64L * 1024);
            assertThat(m.at("/hardware/drives")).hasSize(2);
        }
    }

    private void assertIdentity(JsonNode m, String manufacturer, String model, String serial) {
        assertThat(m.at("/state").asText()).isEqualTo("manageable");
        assertThat(m.at("/identity/manufacturer").asText()).isEqualTo(manufacturer);
        assertThat(m.at("/identity/model").asText()).isEqualTo(model);
        assertThat(m.at("/identity/serialNumber").asText()).isEqualTo(serial);
    }

    private void assertHardware(JsonNode m, int cpus, long memoryMiB, String bios, List<String> macs,
                                List<Long> driveSizes) {
        assertThat(m.at("/hardware/cpuCount").asInt()).isEqualTo(cpus);
        assertThat(m.at("/hardware/memoryMiB").asLong()).isEqualTo(memoryMiB);
        assertThat(m.at("/hardware/biosVersion").asText()).isEqualTo(bios);
        assertThat(macs(m)).containsExactlyInAnyOrderElementsOf(macs);
        List<Long> sizes = new ArrayList<>();
        m.at("/hardware/drives").forEach(d -> sizes.add(d.get("capacityBytes").asLong()));
        assertThat(sizes).containsExactlyInAnyOrderElementsOf(driveSizes);
    }

    private static List<String> macs(JsonNode m) {
        List<String> macs = new ArrayList<>();
        m.at("/hardware/nics").forEach(n -> macs.add(n.get("macAddress").asText()));
        return macs;
    }

    private MockupRedfishServer serve(String mockup) {
        MockupRedfishServer server = new MockupRedfishServer(Mockups.mockup(mockup));
        servers.add(server);
        return server;
    }

    private JsonNode enroll(String mockup, String name, String systemId) {
        return enroll(serve(mockup), name, systemId);
    }

    private JsonNode enroll(MockupRedfishServer server, String name, String systemId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name);
        ObjectNode bmc = body.putObject("bmc").put("address", server.address().toString())
                .put("username", MockupRedfishServer.USER).put("password", MockupRedfishServer.PASSWORD)
                .put("systemId", systemId);
        bmc.putObject("tls").put("certificateSha256", server.certificateSha256());
        JsonNode created = api().post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(JsonNode.class);
        assertThat(created.has("id")).as("%s", created).isTrue();
        UUID id = UUID.fromString(created.get("id").asText());
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                !List.of("enrolling", "enrolled", "inspecting").contains(machine(id).get("state").asText()));
        return machine(id);
    }

    private JsonNode machine(UUID id) {
        return api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
    }
}
