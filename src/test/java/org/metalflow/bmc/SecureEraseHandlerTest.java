package org.metalflow.bmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.connectors.redfish.BmcEndpoint;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.RedfishException;
import org.metalflow.connectors.redfish.TaskStatus;
import org.metalflow.connectors.redfish.TlsTrust;
import org.metalflow.workflow.TaskRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * {@code redfish.secure-erase} against the lab: the handler bean is run as the release process will run it (one
 * erase per run, wait for the returned BMC task, run again) until it reports done; the lab then counts one
 * completed erase per drive. Test resources are not deployed as processes (the deployment pattern is
 * {@code classpath*:processes/**}), so the loop is driven here rather than by a test BPMN.
 */
class SecureEraseHandlerTest extends IntegrationTest {

    /** Lab BMC 38 belongs to this test (the others to the other tests of the shared platform). */
    private static final int LAB_INDEX = 38;

    @Autowired
    private SecureEraseHandler handler;

    @Autowired
    private RedfishConnector redfish;

    @Test
    void everyDriveIsErasedExactlyOnceOneRunAtATime() {
        JsonNode bmc = api().get().uri("/api/v1/lab/bmcs?page={p}&size=1", LAB_INDEX).retrieve().body(JsonNode.class)
                .get("items").get(0);
        UUID id = enroll(bmc);
        int drives = labView(bmc).get("expected").get("driveCount").asInt();
        assertThat(drives).isPositive();

        Map<String, Object> variables = new HashMap<>();
        int runs = 0;
        while (true) {
            assertThat(runs++).as("runs for %d drives", drives).isLessThanOrEqualTo(drives);
            Map<String, Object> out = handler.handle(request(id, variables));
            variables.putAll(out);
            if (Boolean.TRUE.equals(out.get("eraseDone"))) {
                assertThat(out.get("eraseTask")).isNull();
                break;
            }
            assertThat(out.get("eraseTask")).as("the lab erases as a task").isNotNull();
            awaitTask(bmc, (String) out.get("eraseTask"));
        }

        List<String> requested = Arrays.asList(((String) variables.get("erasedDrives")).split("\n"));
        assertThat(requested).hasSize(drives).doesNotHaveDuplicates();
        assertThat(variables.get("eraseSkipped")).isEqualTo("");
        JsonNode erased = labView(bmc).get("expected").get("erasedDrives");
        assertThat(erased.size()).isEqualTo(drives);
        erased.fields().forEachRemaining(e -> assertThat(e.getValue().asInt()).as(e.getKey()).isEqualTo(1));
        requested.forEach(uri -> assertThat(erased.has(lastSegment(uri))).as(uri).isTrue());

        Map<String, Object> again = handler.handle(request(id, variables));
        assertThat(again.get("eraseDone")).as("a run after the last one starts nothing").isEqualTo(true);
        assertThat(labView(bmc).get("expected").get("erasedDrives")).isEqualTo(erased);

        // what the handler takes for "no SecureErase action" is what the connector says for a resource without it
        BmcEndpoint endpoint = endpoint(bmc);
        String storage = redfish.storage(endpoint, machine(id).get("bmc").get("systemUri").asText()).get(0).uri();
        assertThatThrownBy(() -> redfish.secureErase(endpoint, storage))
                .isInstanceOfSatisfying(RedfishException.class,
                        e -> assertThat(SecureEraseHandler.offersNoErase(e)).as(e.getMessage()).isTrue());
    }

    private TaskRequest request(UUID machineId, Map<String, Object> variables) {
        return new TaskRequest(UUID.randomUUID().toString(), handler.topic(), "test-process", null, "release",
                "SecureErase", machineId.toString(), new HashMap<>(variables), Map.of());
    }

    private void awaitTask(JsonNode bmc, String taskUri) {
        AtomicReference<TaskStatus> last = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last.set(redfish.task(endpoint(bmc), taskUri));
            return last.get().done();
        });
        assertThat(last.get().succeeded()).as("%s", last.get()).isTrue();
    }

    private UUID enroll(JsonNode bmc) {
        JsonNode created = api().post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON)
                .body(bmc.get("registration")).retrieve().body(JsonNode.class);
        UUID id = UUID.fromString(created.get("id").asText());
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(machine(id).get("state").asText()).as("%s", machine(id)).isEqualTo("manageable"));
        return id;
    }

    private JsonNode machine(UUID id) {
        return api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
    }

    private JsonNode labView(JsonNode bmc) {
        return api().get().uri("/api/v1/lab/bmcs/{id}", bmc.get("id").asText()).retrieve().body(JsonNode.class);
    }

    private static BmcEndpoint endpoint(JsonNode bmc) {
        return new BmcEndpoint(URI.create(bmc.get("address").asText()), bmc.get("username").asText(),
                bmc.get("password").asText(), TlsTrust.pinned(bmc.get("tls").get("certificateSha256").asText()));
    }

    private static String lastSegment(String uri) {
        String trimmed = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
