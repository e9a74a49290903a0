package org.metalflow.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The discovery image's report makes an unknown machine a {@code discovered} one; a repeated report is the same
 * machine; bad reports are refused field by field; an operator then gives it a BMC and it enrolls.
 */
class DiscoveryTest extends IntegrationTest {

    /** Lab BMC 39 belongs to this test. */
    private static final int LAB_INDEX = 39;

    @Test
    void anUnknownMachineIsRecordedOnceAndEnrollsWhenGivenItsBmc() {
        JsonNode bmc = api().get().uri("/api/v1/lab/bmcs?page={p}&size=1", LAB_INDEX).retrieve().body(JsonNode.class)
                .get("items").get(0);
        String mac = bmc.get("expected").get("macs").get(0).asText().toLowerCase();
        Map<String, Object> report = Map.of("nics", List.of(Map.of("name", "eno1", "mac", mac)),
                "manufacturer", "Lab", "serialNumber", "SN-DISC-39", "cpuCount", 2, "memoryMiB", 4096);

        var first = anonymous().post().uri("/api/v1/discovery").contentType(MediaType.APPLICATION_JSON).body(report)
                .retrieve().toEntity(JsonNode.class);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        UUID id = UUID.fromString(first.getBody().get("id").asText());
        assertThat(first.getBody().get("state").asText()).isEqualTo("discovered");
        var second = anonymous().post().uri("/api/v1/discovery").contentType(MediaType.APPLICATION_JSON).body(report)
                .retrieve().toEntity(JsonNode.class);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getBody().get("id").asText()).isEqualTo(id.toString());

        JsonNode machine = api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
        assertThat(machine.get("identity").get("serialNumber").asText()).isEqualTo("SN-DISC-39");
        assertThat(machine.get("hardware").get("nics").get(0).get("macAddress").asText()).isEqualTo(mac);
        assertThat(machine.has("bmc")).isFalse();

        var enroll = api().put().uri("/api/v1/machines/{id}/bmc", id).contentType(MediaType.APPLICATION_JSON)
                .body(bmc.get("registration").get("bmc")).retrieve().toEntity(JsonNode.class);
        assertThat(enroll.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class)
                        .get("state").asText()).isEqualTo("manageable"));
        assertThat(api().get().uri("/api/v1/machines/{id}/history", id).retrieve().body(JsonNode.class)
                .get("items").findValuesAsText("to")).startsWith("discovered", "enrolling");
    }

    @Test
    void badReportsAreRefusedNamingTheFieldAndRecordNothing() {
        long before = total();
        assertThat(problem(Map.of("nics", List.of()))).isEqualTo("nics");
        assertThat(problem(Map.of("nics", List.of(Map.of("mac", "52:54:00:zz:00:01"))))).isEqualTo("nics[0].mac");
        assertThat(problem(Map.of("nics", List.of(Map.of("mac", "02:00:00:00:20:01", "name", "eth0; rm -rf /")))))
                .isEqualTo("nics[0].name");
        assertThat(problem(Map.of("nics", List.of(Map.of("mac", "02:00:00:00:20:02")), "serialNumber", "x".repeat(300))))
                .isEqualTo("serialNumber");
        assertThat(problem(Map.of("nics", List.of(Map.of("mac", "02:00:00:00:20:03")), "cpuCount", -1)))
                .isEqualTo("cpuCount");
        var unknownField = anonymous().post().uri("/api/v1/discovery").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("nics", List.of(Map.of("mac", "02:00:00:00:20:04")), "bmcPassword", "x"))
                .retrieve().toEntity(JsonNode.class);
        assertThat(unknownField.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(total()).isEqualTo(before);
    }

    private String problem(Map<String, Object> body) {
        JsonNode problem = anonymous().post().uri("/api/v1/discovery").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(JsonNode.class);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        return problem.get("errors").get(0).get("field").asText();
    }

    private long total() {
        return api().get().uri("/api/v1/machines?state=discovered&size=1").retrieve().body(JsonNode.class)
                .get("total").asLong();
    }

    private RestClient anonymous() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }
}
