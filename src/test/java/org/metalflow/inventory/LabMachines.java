package org.metalflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Test helper: lab BMCs and machines registered from them, through the public API only. */
final class LabMachines {

    private final RestClient api;

    LabMachines(RestClient api) {
        this.api = api;
    }

    /** The lab BMC at {@code index}; tests use disjoint indexes because they share one platform. */
    JsonNode bmc(int index) {
        JsonNode page = api.get().uri("/api/v1/lab/bmcs?page={p}&size=1", index).retrieve().body(JsonNode.class);
        assertThat(page.get("items")).as("lab BMC %d: %s", index, page).hasSize(1);
        return page.get("items").get(0);
    }

    ObjectNode registration(int index) {
        return bmc(index).get("registration").deepCopy();
    }

    ResponseEntity<JsonNode> register(JsonNode body) {
        return api.post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(JsonNode.class);
    }

    UUID registerOk(JsonNode body) {
        ResponseEntity<JsonNode> response = register(body);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        return UUID.fromString(response.getBody().get("id").asText());
    }

    JsonNode machine(UUID id) {
        return api.get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
    }

    JsonNode awaitState(UUID id, String state) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(machine(id).get("state").asText())
                        .as("state of %s: %s", id, machine(id)).isEqualTo(state));
        return machine(id);
    }
}
