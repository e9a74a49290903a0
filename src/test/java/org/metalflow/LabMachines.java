package org.metalflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Test helper: lab BMCs and machines registered from them, through the public API only. */
public final class LabMachines {

    private final RestClient api;

    public LabMachines(RestClient api) {
        this.api = api;
    }

    /** The lab BMC at {@code index}; tests use disjoint indexes because they share one platform. */
    public JsonNode bmc(int index) {
        JsonNode page = api.get().uri("/api/v1/lab/bmcs?page={p}&size=1", index).retrieve().body(JsonNode.class);
        assertThat(page.get("items")).as("lab BMC %d: %s", index, page).hasSize(1);
        return page.get("items").get(0);
    }

    public ObjectNode registration(int index) {
        return bmc(index).get("registration").deepCopy();
    }

    public ResponseEntity<JsonNode> register(JsonNode body) {
        return api.post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(JsonNode.class);
    }

    public UUID registerOk(JsonNode body) {
        ResponseEntity<JsonNode> response = register(body);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        return UUID.fromString(response.getBody().get("id").asText());
    }

    public JsonNode machine(UUID id) {
        return api.get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
    }

    public JsonNode awaitState(UUID id, String state) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(machine(id).get("state").asText())
                        .as("state of %s: %s", id, machine(id)).isEqualTo(state));
        return machine(id);
    }

    /** As {@link #awaitState(UUID, String)}, waiting up to {@code limit} (a prepare or deploy takes longer). */
    public JsonNode awaitState(UUID id, String state, Duration limit) {
        Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(machine(id).get("state").asText())
                        .as("state of %s: %s", id, machine(id)).isEqualTo(state));
        return machine(id);
    }

    /** Registers lab BMC {@code index} and prepares it: an {@code available} machine. */
    public UUID available(int index) {
        UUID id = registerOk(registration(index));
        awaitState(id, "manageable", Duration.ofMinutes(3));
        api.post().uri("/api/v1/machines/{id}/actions/prepare", id).retrieve().toBodilessEntity();
        awaitState(id, "available", Duration.ofMinutes(3));
        return id;
    }

    /** As {@link #available(int)}, then deployed with this host name: an {@code active} machine. */
    public UUID active(int index, String hostname) {
        UUID id = available(index);
        api.post().uri("/api/v1/machines/{id}/actions/deploy", id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("hostname", hostname)).retrieve().toBodilessEntity();
        awaitState(id, "active", Duration.ofMinutes(3));
        return id;
    }
}
