package org.metalflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.connectors.dhcp.DhcpProvider;
import org.metalflow.connectors.dhcp.DhcpReservation;
import org.metalflow.connectors.dns.DnsProvider;
import org.metalflow.connectors.dns.DnsRecord;
import org.metalflow.connectors.dns.ReverseNames;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * 100 lab machines deploy at once: all reach active, every address is unique and inside the lab pool, each
 * has its DHCP reservation and A and PTR records; after release all of it is gone.
 */
class FleetDeployTest extends IntegrationTest {

    /** Lab BMCs 40-139 belong to this test. */
    private static final int FIRST = 40;
    private static final int COUNT = 100;

    @Autowired
    private DhcpProvider dhcp;

    @Autowired
    private DnsProvider dns;

    @Test
    void aHundredMachinesDeployAtOnceAndReleaseCleanly() {
        List<UUID> ids = new ArrayList<>();
        for (int i = FIRST; i < FIRST + COUNT; i++) {
            JsonNode bmc = api().get().uri("/api/v1/lab/bmcs?page={p}&size=1", i).retrieve().body(JsonNode.class)
                    .get("items").get(0);
            ids.add(UUID.fromString(api().post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON)
                    .body(bmc.get("registration")).retrieve().body(JsonNode.class).get("id").asText()));
        }
        awaitAll(ids, "manageable");
        ids.forEach(id -> assertThat(action(id, "prepare", null)).isEqualTo(HttpStatus.ACCEPTED));
        awaitAll(ids, "available");
        for (int i = 0; i < COUNT; i++) {
            assertThat(action(ids.get(i), "deploy", Map.of("hostname", "fleet-" + i))).isEqualTo(HttpStatus.ACCEPTED);
        }
        awaitAll(ids, "active");

        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < COUNT; i++) {
            JsonNode allocations = api().get().uri("/api/v1/allocations?machineId={id}", ids.get(i)).retrieve()
                    .body(JsonNode.class).get("items");
            assertThat(allocations).hasSize(1);
            String address = allocations.get(0).get("address").asText();
            String mac = allocations.get(0).get("mac").asText();
            assertThat(addresses.add(address)).as("address %s handed out twice", address).isTrue();
            assertThat(inLabPool(address)).as(address).isTrue();
            DhcpReservation reservation = dhcp.find(mac).orElseThrow();
            assertThat(reservation.ipAddress()).isEqualTo(address);
            assertThat(dns.lookup("fleet-" + i + ".lab.metalflow.test.", DnsRecord.Type.A)).containsExactly(address);
            assertThat(dns.lookup(ReverseNames.of(address), DnsRecord.Type.PTR))
                    .containsExactly("fleet-" + i + ".lab.metalflow.test.");
        }

        ids.forEach(id -> assertThat(action(id, "release", null)).isEqualTo(HttpStatus.ACCEPTED));
        ids.forEach(this::approveAsApprover);
        awaitAll(ids, "available");
        for (int i = 0; i < COUNT; i++) {
            assertThat(api().get().uri("/api/v1/allocations?machineId={id}", ids.get(i)).retrieve()
                    .body(JsonNode.class).get("items")).isEmpty();
            assertThat(dns.lookup("fleet-" + i + ".lab.metalflow.test.", DnsRecord.Type.A)).isEmpty();
        }
        addresses.forEach(address -> assertThat(dns.lookup(ReverseNames.of(address), DnsRecord.Type.PTR)).isEmpty());
    }

    private HttpStatus action(UUID id, String action, Map<String, Object> body) {
        var request = api().post().uri("/api/v1/machines/{id}/actions/{a}", id, action);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return HttpStatus.valueOf(request.retrieve().toBodilessEntity().getStatusCode().value());
    }

    private void awaitAll(List<UUID> ids, String state) {
        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<String> behind = new ArrayList<>();
            for (UUID id : ids) {
                JsonNode machine = api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
                if (!state.equals(machine.get("state").asText())) {
                    behind.add(machine.get("name").asText() + "=" + machine.get("state").asText()
                            + (machine.has("lastError") ? " (" + machine.get("lastError").asText() + ")" : ""));
                }
            }
            assertThat(behind).as("machines not yet " + state).isEmpty();
        });
    }

    /** The lab network's pool: 10.88.1.0 - 10.88.63.255. */
    private static boolean inLabPool(String address) {
        String[] o = address.split("\\.");
        int third = Integer.parseInt(o[2]);
        return o[0].equals("10") && o[1].equals("88") && third >= 1 && third <= 63;
    }
}
