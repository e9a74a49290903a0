package org.metalflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The approval gate on prepare (processes/approval.bpmn called from prepare.bpmn), with the default policies
 * of application.yml: a machine tagged production waits for an approver, who approves (it proceeds) or
 * rejects (it stays where it was, the comment recorded); an untagged machine whose profile changes no
 * firmware (the lab profiles have no firmware baseline) does not wait; an undecided approval is reminded
 * about, then escalated; the requester never decides.
 */
class ApprovalGateTest extends IntegrationTest {

    /** Lab BMCs 160-166 belong to this test. */
    private static final int FIRST = 160;

    @Autowired
    private TaskService tasks;

    @Autowired
    private ManagementService management;

    @Autowired
    private HistoryService history;

    @Test
    void aProductionMachineWaitsForAnApproverAndProceedsWhenApproved() {
        UUID id = manageable(FIRST);
        JsonNode tagged = tag(id, "production");
        assertThat(tagged.get("tags").toString()).isEqualTo("[\"production\"]");
        assertThat(prepare(id)).isEqualTo(HttpStatus.ACCEPTED);

        JsonNode approval = approvalOf(id);
        assertThat(approval.get("action").asText()).isEqualTo("prepare");
        assertThat(approval.get("name").asText()).isEqualTo("Approve the change");
        assertThat(approval.get("reason").asText()).contains("policy production").contains("tagged production");
        assertThat(approval.get("summary").asText()).contains("prepare").contains(id.toString())
                .contains("- BIOS ");
        assertThat(approval.get("requestedBy").asText()).isEqualTo("admin");
        JsonNode waiting = machine(id);
        assertThat(waiting.get("state").asText()).isEqualTo("manageable");
        assertThat(waiting.get("process").get("activities").toString()).isEqualTo("[\"Ask for approval\",\"Approve the change\"]");

        JsonNode own = decide(approval, Map.of("decision", "approve"));
        assertThat(own.get("status").asInt()).isEqualTo(403);
        assertThat(own.get("detail").asText()).contains("admin requested this change");

        assertThat(approver().post().uri("/api/v1/approvals/{id}", approval.get("id").asText())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("decision", "approve", "comment", "go ahead"))
                .retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        awaitState(id, "available");
        List<String> path = api().get().uri("/api/v1/machines/{id}/history", id).retrieve().body(JsonNode.class)
                .get("items").findValuesAsText("to");
        assertThat(path).endsWith("manageable", "preparing", "available");
        String prepareProcess = history.createHistoricProcessInstanceQuery().processDefinitionKey("prepare")
                .processInstanceBusinessKey(id.toString()).singleResult().getId();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(prepareProcess)
                .variableName("approvedBy").singleResult().getValue()).isEqualTo(APPROVER);
    }

    @Test
    void aRejectedPrepareLeavesTheMachineWhereItWasWithTheComment() {
        UUID id = manageable(FIRST + 1);
        tag(id, "production");
        prepare(id);
        JsonNode approval = approvalOf(id);

        assertThat(approver().post().uri("/api/v1/approvals/{id}", approval.get("id").asText())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("decision", "reject", "comment", "change freeze until Monday"))
                .retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> machine(id).path("process").isMissingNode());

        JsonNode machine = machine(id);
        assertThat(machine.get("state").asText()).isEqualTo("manageable");
        assertThat(machine.get("lastError").asText()).isEqualTo(
                "prepare rejected by " + APPROVER + ": change freeze until Monday");
        assertThat(api().get().uri("/api/v1/machines/{id}/history", id).retrieve().body(JsonNode.class)
                .get("items").findValuesAsText("to")).doesNotContain("preparing", "prepare-failed");
        String prepareProcess = history.createHistoricProcessInstanceQuery().processDefinitionKey("prepare")
                .processInstanceBusinessKey(id.toString()).singleResult().getId();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(prepareProcess)
                .variableName("approvalComment").singleResult().getValue()).isEqualTo("change freeze until Monday");
        assertThat(tasks.getProcessInstanceComments(prepareProcess)).extracting(Comment::getFullMessage)
                .contains("prepare rejected by " + APPROVER + ": change freeze until Monday");

        // the machine may be prepared again once the tag is gone: no approval then
        tag(id);
        prepare(id);
        awaitState(id, "available");
    }

    @Test
    void anUntaggedPrepareWithoutFirmwareChangesDoesNotWait() {
        UUID id = manageable(FIRST + 2);
        JsonNode profile = api().get().uri("/api/v1/profiles").retrieve().body(JsonNode.class);
        assertThat(profile.findValues("firmware")).as("the lab profiles set no firmware baseline")
                .allMatch(f -> f.isEmpty());
        prepare(id);
        awaitState(id, "available");
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("approval")
                .processInstanceBusinessKey(id.toString()).count()).isZero();
        String prepareProcess = history.createHistoricProcessInstanceQuery().processDefinitionKey("prepare")
                .processInstanceBusinessKey(id.toString()).singleResult().getId();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(prepareProcess)
                .variableName("approvalRequired").singleResult().getValue()).isEqualTo(false);
    }

    @Test
    void anUndecidedApprovalIsRemindedAboutThenEscalatedToAdmins() {
        UUID id = manageable(FIRST + 3);
        tag(id, "production");
        prepare(id);
        JsonNode approval = approvalOf(id);
        String taskId = approval.get("id").asText();
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        // the configured due date (metalflow.approval.due, PT24H)
        assertThat(Duration.between(task.getCreateTime().toInstant(), task.getDueDate().toInstant()))
                .isBetween(Duration.ofHours(24).minusMinutes(1), Duration.ofHours(24).plusMinutes(1));
        assertThat(tasks.getVariableLocal(taskId, "reminded")).isNull();

        management.executeJob(timer(task, "RemindTimer").getId());
        assertThat(tasks.getVariableLocal(taskId, "reminded")).isNotNull();
        assertThat(tasks.getTaskComments(taskId)).extracting(Comment::getFullMessage)
                .anyMatch(c -> c.startsWith("reminder: the approval of prepare requested by admin"));
        assertThat(candidateGroups(taskId)).containsExactly("change-approvers");

        management.executeJob(timer(task, "EscalateTimer").getId());
        assertThat(candidateGroups(taskId)).containsExactlyInAnyOrder("change-approvers", "admins");
        assertThat(tasks.getTaskComments(taskId)).extracting(Comment::getFullMessage).contains(
                "escalated to admins: still undecided");
        assertThat(tasks.createTaskQuery().taskId(taskId).count()).as("the task stays open").isOne();

        // escalation gives the requester no way around four eyes, though admin is in admins
        assertThat(decide(approval, Map.of("decision", "approve")).get("status").asInt()).isEqualTo(403);
        assertThat(approver().post().uri("/api/v1/approvals/{id}", taskId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("decision", "reject", "comment", "not this week")).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> machine(id).path("process").isMissingNode());
        assertThat(machine(id).get("state").asText()).isEqualTo("manageable");
    }

    @Test
    void tagsAreLabels() {
        UUID id = manageable(FIRST + 4);
        JsonNode bad = api().put().uri("/api/v1/machines/{id}/tags", id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tags", List.of("ok", "Not A Label"))).retrieve().body(JsonNode.class);
        assertThat(bad.get("status").asInt()).isEqualTo(400);
        assertThat(bad.get("errors").get(0).get("field").asText()).isEqualTo("tags[1]");
        tag(id, "rack-12", "production", "rack-12");
        assertThat(machine(id).get("tags").toString()).isEqualTo("[\"production\",\"rack-12\"]");
    }

    private Job timer(Task task, String activityId) {
        return management.createJobQuery().processInstanceId(task.getProcessInstanceId()).timers()
                .activityId(activityId).singleResult();
    }

    private List<String> candidateGroups(String taskId) {
        return tasks.getIdentityLinksForTask(taskId).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).toList();
    }

    private UUID manageable(int labIndex) {
        JsonNode bmc = api().get().uri("/api/v1/lab/bmcs?page={p}&size=1", labIndex).retrieve().body(JsonNode.class)
                .get("items").get(0);
        UUID id = UUID.fromString(api().post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON)
                .body(bmc.get("registration")).retrieve().body(JsonNode.class).get("id").asText());
        awaitState(id, "manageable");
        return id;
    }

    private JsonNode tag(UUID id, String... tags) {
        return api().put().uri("/api/v1/machines/{id}/tags", id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tags", List.of(tags))).retrieve().body(JsonNode.class);
    }

    private HttpStatus prepare(UUID id) {
        return HttpStatus.valueOf(api().post().uri("/api/v1/machines/{id}/actions/prepare", id).retrieve()
                .toBodilessEntity().getStatusCode().value());
    }

    private JsonNode approvalOf(UUID id) {
        approver();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> approver().get().uri("/api/v1/approvals")
                .retrieve().body(JsonNode.class).findValuesAsText("machineId").contains(id.toString()));
        for (JsonNode task : approver().get().uri("/api/v1/approvals").retrieve().body(JsonNode.class)) {
            if (id.toString().equals(task.path("machineId").asText())) {
                return task;
            }
        }
        throw new AssertionError("no approval for " + id);
    }

    /** Decides as admin, who requested every change of this test. */
    private JsonNode decide(JsonNode approval, Map<String, Object> body) {
        return api().post().uri("/api/v1/approvals/{id}", approval.get("id").asText())
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
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
