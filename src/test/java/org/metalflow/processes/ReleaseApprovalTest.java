package org.metalflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.LabMachines;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Releases need four eyes: the requester can approve by no route (platform API, engine REST API), a user
 * outside change-approvers cannot either, a rejection needs a comment and leaves the machine active, and an
 * approver's approval releases it: drives erased, powered off, available (or retired when asked).
 */
class ReleaseApprovalTest extends IntegrationTest {

    /** Lab BMCs 140-141 belong to this test. */
    private static final int FIRST = 140;

    @Autowired
    private IdentityService identity;

    @Autowired
    private HistoryService history;

    @BeforeEach
    void users() {
        if (identity.createUserQuery().userId("carol").count() == 0) {
            User carol = identity.newUser("carol");
            carol.setPassword("carol-is-an-operator");
            identity.saveUser(carol);
            identity.createMembership("carol", "operators");
        }
    }

    @Test
    void theRequesterCannotApproveByAnyRouteAndAnApproverReleasesTheMachine() {
        UUID id = active(FIRST, "rel-140");
        String labId = api().get().uri("/api/v1/lab/bmcs?page={p}&size=1", FIRST).retrieve().body(JsonNode.class)
                .get("items").get(0).get("id").asText();
        assertThat(release(id, Map.of())).isEqualTo(HttpStatus.ACCEPTED);
        String task = approvalOf(id);

        JsonNode own = decide(api(), task, Map.of("decision", "approve"));
        assertThat(own.get("status").asInt()).isEqualTo(403);
        assertThat(own.get("detail").asText()).contains("admin requested this change").contains("four eyes");

        var engineComplete = api().post().uri("/engine-rest/task/{id}/complete", task).contentType(MediaType.APPLICATION_JSON)
                .body("{\"variables\":{\"decision\":{\"value\":\"approve\"}}}").retrieve().toEntity(String.class);
        assertThat(engineComplete.getStatusCode().is2xxSuccessful()).as(engineComplete.toString()).isFalse();
        assertThat(engineComplete.getBody()).as(() -> "task %s after the refusals: %s".formatted(task, taskHistory(task)))
                .contains("four eyes");
        var engineClaim = api().post().uri("/engine-rest/task/{id}/claim", task).contentType(MediaType.APPLICATION_JSON)
                .body("{\"userId\":\"admin\"}").retrieve().toEntity(String.class);
        assertThat(engineClaim.getStatusCode().is2xxSuccessful()).as(engineClaim.toString()).isFalse();

        JsonNode notApprover = decide(api("carol", "carol-is-an-operator"), task, Map.of("decision", "approve"));
        assertThat(notApprover.get("status").asInt()).isEqualTo(403);
        // refused at the door by the access rules (the engine's listener would refuse it too)
        assertThat(notApprover.get("detail").asText()).contains("needs membership of one of the groups change-approvers");
        assertThat(machine(id).get("state").asText()).isEqualTo("active");

        approveAsApprover(id);
        awaitState(id, "available");
        JsonNode truth = api().get().uri("/api/v1/lab/bmcs/{id}", labId).retrieve().body(JsonNode.class).get("expected");
        assertThat(truth.get("powerState").asText()).isEqualTo("Off");
        assertThat(truth.get("erasedDrives").size()).as("every drive erased").isEqualTo(truth.get("driveCount").asInt());
        truth.get("erasedDrives").forEach(count -> assertThat(count.asInt()).as("erased once").isEqualTo(1));
        assertThat(transitionActors(id)).contains("admin via release");
    }

    @Test
    void aRejectionNeedsACommentAndLeavesTheMachineActiveAndRetireEndsRetired() {
        UUID id = active(FIRST + 1, "rel-141");
        assertThat(release(id, Map.of("retire", true))).isEqualTo(HttpStatus.ACCEPTED);
        String task = approvalOf(id);
        RestClient approver = approver();

        JsonNode bare = decide(approver, task, Map.of("decision", "reject"));
        assertThat(bare.get("status").asInt()).isEqualTo(400);
        assertThat(bare.get("errors").get(0).get("field").asText()).isEqualTo("comment");
        assertThat(approver.post().uri("/api/v1/approvals/{id}", task).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("decision", "reject", "comment", "still serving traffic")).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> machine(id).path("process").isMissingNode());
        assertThat(machine(id).get("state").asText()).isEqualTo("active");

        JsonNode badParameter = api().post().uri("/api/v1/machines/{id}/actions/release", id)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("retire", "yes")).retrieve().body(JsonNode.class);
        assertThat(badParameter.get("errors").get(0).get("field").asText()).isEqualTo("retire");

        assertThat(release(id, Map.of("retire", true))).isEqualTo(HttpStatus.ACCEPTED);
        approveAsApprover(id);
        awaitState(id, "retired");
    }

    private UUID active(int labIndex, String hostname) {
        return new LabMachines(api()).active(labIndex, hostname);
    }

    /** What the engine's history says happened to a task: the diagnosis when an assertion on it fails. */
    private String taskHistory(String taskId) {
        var task = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        if (task == null) {
            return "no history";
        }
        var process = history.createHistoricProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult();
        return "ended %s, delete reason %s, assignee %s; process %s %s, activities %s".formatted(task.getEndTime(),
                task.getDeleteReason(), task.getAssignee(), process.getState(), process.getDeleteReason(),
                history.createHistoricActivityInstanceQuery().processInstanceId(task.getProcessInstanceId())
                        .orderByHistoricActivityInstanceStartTime().asc().list().stream()
                        .map(a -> a.getActivityId() + (a.isCanceled() ? "(cancelled)" : "")).toList());
    }

    private HttpStatus release(UUID id, Map<String, Object> body) {
        return HttpStatus.valueOf(api().post().uri("/api/v1/machines/{id}/actions/release", id)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity().getStatusCode().value());
    }

    private String approvalOf(UUID id) {
        approver();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api().get().uri("/api/v1/approvals").retrieve()
                .body(JsonNode.class).findValuesAsText("machineId").contains(id.toString()));
        for (JsonNode task : api().get().uri("/api/v1/approvals").retrieve().body(JsonNode.class)) {
            if (id.toString().equals(task.path("machineId").asText())) {
                assertThat(task.get("requestedBy").asText()).isEqualTo("admin");
                return task.get("id").asText();
            }
        }
        throw new AssertionError("no approval for " + id);
    }

    private static JsonNode decide(RestClient client, String task, Map<String, Object> body) {
        return client.post().uri("/api/v1/approvals/{id}", task).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(JsonNode.class);
    }

    private java.util.List<String> transitionActors(UUID id) {
        return api().get().uri("/api/v1/machines/{id}/history?size=200", id).retrieve().body(JsonNode.class)
                .get("items").findValuesAsText("actor");
    }

    private JsonNode awaitState(UUID id, String state) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(machine(id).get("state").asText()).as("%s", machine(id)).isEqualTo(state));
        return machine(id);
    }

    private JsonNode machine(UUID id) {
        return api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
    }
}
