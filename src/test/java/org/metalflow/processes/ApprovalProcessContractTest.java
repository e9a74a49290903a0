package org.metalflow.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The approval process on its own, as any caller uses it: the optional inputs override the configured due
 * date and escalation group, a member of the escalation group (and of no approver group) may decide only
 * once the task was escalated, and the outputs are set.
 */
class ApprovalProcessContractTest extends IntegrationTest {

    private static final String LEAD = "opslead";

    @Autowired
    private RuntimeService runtime;

    @Autowired
    private TaskService tasks;

    @Autowired
    private IdentityService identity;

    @Autowired
    private ManagementService management;

    @Autowired
    private HistoryService history;

    @Test
    void aCallerOverridesTheTimingAndTheEscalationGroupWhoseMembersDecideOnceEscalated() {
        if (identity.createGroupQuery().groupId("ops-leads").count() == 0) {
            identity.saveGroup(identity.newGroup("ops-leads"));
        }
        if (identity.createUserQuery().userId(LEAD).count() == 0) {
            identity.saveUser(identity.newUser(LEAD));
            identity.createMembership(LEAD, "ops-leads");
        }
        String machineId = UUID.randomUUID().toString();
        ProcessInstance approval = runtime.createProcessInstanceByKey("approval").businessKey(machineId)
                .setVariable("machineId", machineId)
                .setVariable("action", "firmware-rollout")
                .setVariable("requestedBy", "admin")
                .setVariable("changeSummary", "firmware BIOS: 1.0 -> 2.0 or newer")
                .setVariable("due", "PT2H")
                .setVariable("escalationGroup", "ops-leads")
                .execute();
        Task task = tasks.createTaskQuery().processInstanceId(approval.getId()).singleResult();
        assertThat(Duration.between(task.getCreateTime().toInstant(), task.getDueDate().toInstant()))
                .isBetween(Duration.ofHours(2).minusMinutes(1), Duration.ofHours(2).plusMinutes(1));
        assertThat(runtime.getVariable(approval.getId(), "remindAfter")).as("configured default").isEqualTo("PT12H");
        assertThat(runtime.getVariable(approval.getId(), "reason")).as("blank when not given").isEqualTo("");

        // before the escalation the engine's own authorizations refuse (the task is granted to its candidate
        // groups only); the four-eyes listener would refuse too
        assertThatThrownBy(() -> completeAs(LEAD, List.of("ops-leads"), task.getId()))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("opslead");

        management.executeJob(management.createJobQuery().processInstanceId(approval.getId()).timers()
                .activityId("EscalateTimer").singleResult().getId());
        completeAs(LEAD, List.of("ops-leads"), task.getId());

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(approval.getId()).count()).isZero();
        Map<String, Object> outputs = new java.util.HashMap<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
                .processInstanceId(approval.getId()).variableNameIn("approved", "approvedBy", "approvalComment").list()) {
            outputs.put(v.getName(), v.getValue());
        }
        assertThat(outputs).containsEntry("approved", true).containsEntry("approvedBy", LEAD)
                .containsEntry("approvalComment", "fine by me");
    }

    private void completeAs(String user, List<String> groups, String taskId) {
        identity.setAuthentication(user, groups);
        try {
            tasks.complete(taskId, Map.of("decision", "approve", "approvalComment", "fine by me"));
        } finally {
            identity.clearAuthentication();
        }
    }
}
