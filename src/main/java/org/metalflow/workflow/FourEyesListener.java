package org.metalflow.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.metalflow.audit.AuditEvent;
import org.metalflow.audit.AuditLog;
import org.springframework.stereotype.Component;

/**
 * Four eyes on an approval task, enforced in the engine so no route around it exists (platform API, engine REST
 * API, Tasklist): the user who requested the change ({@code requestedBy}) can neither claim nor complete its
 * approval, and only a member of {@value #APPROVERS} (or {@code admins}) completes it, with a decision
 * ({@code approve} or {@code reject}, the latter with a comment); the decider is kept as {@code approvedBy} and the
 * decision goes on the audit trail. The exception rolls
 * back the claim or completion; Tasklist shows its message. BPMN: task listeners
 * {@code camunda:taskListener delegateExpression="${fourEyes}"} on the events {@code assignment} and
 * {@code complete}.
 */
@Component("fourEyes")
class FourEyesListener implements TaskListener {

    static final String APPROVERS = "change-approvers";

    private final IdentityService identity;
    private final AuditLog audit;

    FourEyesListener(IdentityService identity, AuditLog audit) {
        this.identity = identity;
        this.audit = audit;
    }

    @Override
    public void notify(DelegateTask task) {
        Object requester = task.getVariable(CamundaLifecycleProcesses.REQUESTED_BY);
        if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
            if (task.getAssignee() != null && task.getAssignee().equals(requester)) {
                throw new IllegalStateException(task.getAssignee() + " requested this change and cannot approve it "
                        + "(four eyes): another member of " + APPROVERS + " must take it");
            }
            return;
        }
        if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            Authentication current = identity.getCurrentAuthentication();
            if (current == null || current.getUserId() == null) {
                throw new IllegalStateException("an approval must be completed by a logged-in member of " + APPROVERS);
            }
            String user = current.getUserId();
            if (user.equals(requester)) {
                throw new IllegalStateException(user + " requested this change and cannot approve it (four eyes)");
            }
            List<String> groups = current.getGroupIds() != null && !current.getGroupIds().isEmpty()
                    ? current.getGroupIds()
                    : identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
            List<String> deciders = new ArrayList<>(List.of(APPROVERS, "admins"));
            task.getCandidates().stream().map(IdentityLink::getGroupId).filter(Objects::nonNull)
                    .forEach(deciders::add);
            if (groups.stream().noneMatch(deciders::contains)) {
                throw new IllegalStateException(user + " is not a member of " + APPROVERS
                        + " (or of a group the approval was escalated to) and cannot decide this approval");
            }
            Object decision = task.getVariable("decision");
            if (!"approve".equals(decision) && !"reject".equals(decision)) {
                throw new IllegalStateException("the decision must be approve or reject, not " + decision);
            }
            Object comment = task.getVariable("approvalComment");
            if ("reject".equals(decision) && (comment == null || comment.toString().isBlank())) {
                throw new IllegalStateException("a rejection needs a comment that says why");
            }
            task.setVariable("approvedBy", user);
            task.setVariable("approved", "approve".equals(decision));
            // in the engine's transaction: the entry exists exactly when the decision does, whatever the route
            Object machineId = task.getVariable(CamundaLifecycleProcesses.MACHINE_ID);
            audit.record(AuditEvent.of("approval." + decision).by(user).on("task", task.getId())
                    .machine(machineOf(machineId))
                    .process(rootProcessOf(task)).detail("task", task.getName())
                    .detail("requestedBy", requester).detail("comment", blankToNull(comment)));
        }
    }

    /**
     * The top-level process the approval is for (the release, not the approval gate it calls), as the worker files
     * side effects, so one process id finds the decision and what followed it.
     */
    private static String rootProcessOf(DelegateTask task) {
        DelegateExecution instance = task.getExecution().getProcessInstance();
        while (instance.getSuperExecution() != null) {
            instance = instance.getSuperExecution().getProcessInstance();
        }
        return instance.getProcessInstanceId();
    }

    /** The approval's machine; an approval of something else (a cluster, a rollout) has none. */
    private static java.util.UUID machineOf(Object machineId) {
        try {
            return machineId == null ? null : java.util.UUID.fromString(machineId.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Object blankToNull(Object comment) {
        return comment == null || comment.toString().isBlank() ? null : comment;
    }
}
