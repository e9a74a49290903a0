package org.metalflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.LabMachines;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The machine API end to end on the lab: register, enroll, inspect, actions, history. */
class MachineApiTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    private org.camunda.bpm.engine.RuntimeService runtime;

    private LabMachines lab;

    @BeforeEach
    void setUp() {
        lab = new LabMachines(api());
    }

    @Test
    void aRegisteredLabBmcReachesManageableWithTheSimulatedHardware() {
        JsonNode bmc = lab.bmc(0);
        ResponseEntity<JsonNode> created = lab.register(bmc.get("registration"));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        UUID id = UUID.fromString(created.getBody().get("id").asText());
        assertThat(created.getHeaders().getLocation()).hasPath("/api/v1/machines/" + id);
        assertThat(created.getBody().get("state").asText()).isEqualTo("enrolling");
        assertThat(created.getBody().toString()).doesNotContain(bmc.get("password").asText());

        JsonNode machine = lab.awaitState(id, "manageable");

        JsonNode expected = bmc.get("expected");
        JsonNode hardware = machine.get("hardware");
        assertThat(hardware.get("cpuCount").asInt()).isEqualTo(expected.get("cpuCount").asInt());
        assertThat(hardware.get("memoryMiB").asLong()).isEqualTo(expected.get("memoryMiB").asLong());
        List<String> macs = new ArrayList<>();
        hardware.get("nics").forEach(n -> macs.add(n.get("macAddress").asText()));
        List<String> expectedMacs = new ArrayList<>();
        expected.get("macs").forEach(m -> expectedMacs.add(m.asText().toLowerCase()));
        assertThat(macs).containsExactlyInAnyOrderElementsOf(expectedMacs);
        assertThat(hardware.get("drives")).hasSize(expected.get("driveCount").asInt());
        assertThat(hardware.get("biosVersion").asText()).isEqualTo(expected.get("biosVersion").asText());
        assertThat(machine.get("identity").get("serialNumber").asText())
                .isEqualTo(expected.get("serialNumber").asText());
        assertThat(machine.get("lastError")).isNull();
        assertThat(machine.get("process")).as("no process holds a manageable machine").isNull();

        JsonNode history = api().get().uri("/api/v1/machines/{id}/history", id).retrieve().body(JsonNode.class);
        List<String> path = new ArrayList<>();
        history.get("items").forEach(t -> path.add(t.get("to").asText()));
        assertThat(path).containsExactly("enrolling", "enrolled", "inspecting", "manageable");
        assertThat(history.get("items").get(0).get("actor").asText()).isEqualTo("admin");
        assertThat(history.get("items").get(3).get("actor").asText()).isEqualTo("admin via inspect");
    }

    @Test
    void inspectOnAManageableMachineRunsOnceAndASecondRequestIsRefused() {
        UUID id = lab.registerOk(lab.registration(1));
        lab.awaitState(id, "manageable");

        List<CompletableFuture<ResponseEntity<JsonNode>>> requests = List.of(
                CompletableFuture.supplyAsync(() -> inspect(id)), CompletableFuture.supplyAsync(() -> inspect(id)));
        List<HttpStatus> statuses = requests.stream().map(CompletableFuture::join)
                .map(r -> HttpStatus.valueOf(r.getStatusCode().value())).toList();
        assertThat(statuses).containsExactlyInAnyOrder(HttpStatus.ACCEPTED, HttpStatus.CONFLICT);

        lab.awaitState(id, "manageable");
        JsonNode history = api().get().uri("/api/v1/machines/{id}/history", id).retrieve().body(JsonNode.class);
        List<String> path = new ArrayList<>();
        history.get("items").forEach(t -> path.add(t.get("to").asText()));
        assertThat(path).containsExactly("enrolling", "enrolled", "inspecting", "manageable", "inspecting",
                "manageable");
    }

    @Test
    void wrongBmcPasswordEndsInEnrollFailedWithTheBmcAnswerAsLastError() {
        ObjectNode body = lab.registration(2);
        ((ObjectNode) body.get("bmc")).put("password", "not-the-password");
        UUID id = lab.registerOk(body);

        JsonNode machine = lab.awaitState(id, "enroll-failed");
        assertThat(machine.get("lastError").asText()).contains("401");
        assertThat(machine.get("process")).isNull();
    }

    @Test
    void anActionTheStateDoesNotAllowIsRefusedWith409() {
        ObjectNode body = lab.registration(3);
        ((ObjectNode) body.get("bmc")).put("password", "wrong-again");
        UUID id = lab.registerOk(body);
        lab.awaitState(id, "enroll-failed");

        ResponseEntity<JsonNode> response = inspect(id);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(response.getBody().get("detail").asText()).contains("enroll-failed").contains("inspect");
        assertThat(lab.machine(id).get("state").asText()).isEqualTo("enroll-failed");
    }

    @Test
    void maintenanceBlocksActionsUntilItEnds() {
        UUID id = lab.registerOk(lab.registration(4));
        lab.awaitState(id, "manageable");
        api().put().uri("/api/v1/machines/{id}/maintenance", id).headers(h -> h.addAll(json()))
                .body("{\"enabled\":true,\"reason\":\"replacing a DIMM\"}").retrieve().toBodilessEntity();

        assertThat(inspect(id).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        api().put().uri("/api/v1/machines/{id}/maintenance", id).headers(h -> h.addAll(json()))
                .body("{\"enabled\":false}").retrieve().toBodilessEntity();
        assertThat(inspect(id).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        lab.awaitState(id, "manageable");
    }

    @Test
    void listsFilterByStateAndArePaged() {
        UUID id = lab.registerOk(lab.registration(5));
        lab.awaitState(id, "manageable");

        JsonNode page = api().get().uri("/api/v1/machines?state=manageable&size=500").retrieve().body(JsonNode.class);
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(m -> {
            assertThat(m.get("state").asText()).isEqualTo("manageable");
            ids.add(m.get("id").asText());
        });
        assertThat(ids).contains(id.toString());
        assertThat(page.get("total").asLong()).isEqualTo(ids.size());

        JsonNode bad = api().get().uri("/api/v1/machines?state=sleeping").retrieve().body(JsonNode.class);
        assertThat(bad.get("status").asInt()).isEqualTo(400);
        assertThat(bad.get("errors").get(0).get("field").asText()).isEqualTo("state");
    }

    @Test
    void theApiNeedsAuthentication() {
        // an unknown user: a wrong password for a real one makes the engine delay that user's next logins
        assertThat(api("nobody", "wrong").get().uri("/api/v1/machines").retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        for (String path : List.of("/api/v1/machines", "/api/v1/lab/bmcs", "/engine-rest/process-definition")) {
            HttpStatusCode status = RestClient.create("http://127.0.0.1:" + port).get().uri(path)
                    .exchange((req, res) -> res.getStatusCode());
            assertThat(status.value()).as(path).isEqualTo(401);
        }
    }

    @Test
    void aMachineWhoseProcessWasCancelledCanBeRetriedInsteadOfStayingStuck() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JsonNode created = api().post().uri("/api/v1/machines").headers(h -> h.addAll(json()))
                .body("{\"name\":\"cancelled-enrollment\",\"bmc\":{\"address\":\"https://127.0.0.1:" + closedPort
                        + "\",\"username\":\"root\",\"password\":\"x\",\"tls\":{\"insecure\":true}}}")
                .retrieve().body(JsonNode.class);
        UUID id = UUID.fromString(created.get("id").asText());
        runtime.deleteProcessInstance(created.get("process").get("processInstanceId").asText(), "operator cancelled");

        ResponseEntity<JsonNode> retry = api().post().uri("/api/v1/machines/{id}/actions/enroll", id).retrieve()
                .toEntity(JsonNode.class);

        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(retry.getBody().get("state").asText()).isEqualTo("enrolling");
        JsonNode history = api().get().uri("/api/v1/machines/{id}/history", id).retrieve().body(JsonNode.class);
        List<String> path = new ArrayList<>();
        history.get("items").forEach(t -> path.add(t.get("to").asText()));
        assertThat(path).containsExactly("enrolling", "enroll-failed", "enrolling");
        assertThat(history.get("items").get(1).get("reason").asText()).contains("ended before");
        runtime.deleteProcessInstance(retry.getBody().get("process").get("processInstanceId").asText(), "test done");
    }

    private ResponseEntity<JsonNode> inspect(UUID id) {
        return api().post().uri("/api/v1/machines/{id}/actions/inspect", id).retrieve().toEntity(JsonNode.class);
    }
}
