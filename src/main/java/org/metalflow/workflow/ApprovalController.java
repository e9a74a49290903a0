package org.metalflow.workflow;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.api.ProblemException;
import org.metalflow.security.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approval tasks (user tasks for {@value FourEyesListener#APPROVERS}) through the platform API, the same tasks
 * Tasklist shows. Deciding runs as the logged-in user, so the engine's four-eyes listener judges it exactly as
 * it judges Tasklist and the engine REST API.
 */
@RestController
@Tag(name = "approvals", description = "Approval tasks: list them, approve or reject with a comment")
class ApprovalController {

    private final TaskService tasks;
    private final IdentityService identity;

    ApprovalController(TaskService tasks, IdentityService identity) {
        this.tasks = tasks;
        this.identity = identity;
    }

    /**
     * @param action  what needs the approval (release, prepare, deploy)
     * @param summary what the action will change, as known when it was requested
     * @param reason  the policies that asked for the approval
     */
    record Approval(String id, String name, String processInstanceId, String machineId, Object requestedBy,
                    java.util.Date created, java.util.Date due, Object action, Object summary, Object reason) {
    }

    @GetMapping("/api/v1/approvals")
    @Operation(summary = "Open approval tasks the caller may see (as in Tasklist), oldest first")
    List<Approval> list(Authentication principal) {
        authenticate(principal);
        try {
            return tasks.createTaskQuery().taskCandidateGroup(FourEyesListener.APPROVERS).includeAssignedTasks()
                    .orderByTaskCreateTime().asc().listPage(0, 500).stream().map(this::approval).toList();
        } finally {
            identity.clearAuthentication();
        }
    }

    record Decision(String decision, String comment) {
    }

    @PostMapping("/api/v1/approvals/{taskId}")
    @Operation(summary = "Approve or reject (a comment is required to reject); 403 for the requester (four eyes)")
    ResponseEntity<Void> decide(@PathVariable String taskId, @RequestBody Decision decision, Authentication principal) {
        boolean approve = "approve".equals(decision.decision());
        if (!approve && !"reject".equals(decision.decision())) {
            throw new InvalidFieldException("decision", "must be approve or reject");
        }
        if (!approve && (decision.comment() == null || decision.comment().isBlank())) {
            throw new InvalidFieldException("comment", "is required to reject: say why");
        }
        if (decision.comment() != null && decision.comment().length() > 2000) {
            throw new InvalidFieldException("comment", "must be at most 2000 characters");
        }
        Task task = tasks.createTaskQuery().taskId(taskId).taskCandidateGroup(FourEyesListener.APPROVERS)
                .includeAssignedTasks().singleResult();
        if (task == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, null, "no open approval task " + taskId);
        }
        String user = principal.getName();
        // the groups this request carries (an API token carries only its scoped group), not all the user's
        List<String> groups = authenticate(principal);
        try {
            Map<String, Object> variables = new HashMap<>();
            variables.put("decision", decision.decision());
            variables.put("approvalComment", decision.comment() == null ? "" : decision.comment());
            tasks.complete(taskId, variables);
            tasks.createComment(null, task.getProcessInstanceId(), (approve ? "approved by " : "rejected by ") + user
                    + (decision.comment() == null || decision.comment().isBlank() ? "" : ": " + decision.comment()));
        } catch (AuthorizationException e) {
            // the engine grants a task to its candidate groups: only they (and admins) may complete it
            throw new ProblemException(HttpStatus.FORBIDDEN, null, groups.contains(FourEyesListener.APPROVERS)
                    ? user + " may not decide this approval: " + e.getMessage()
                    : user + " is not a member of " + FourEyesListener.APPROVERS + " and cannot decide this approval");
        } catch (ProcessEngineException | IllegalStateException e) {
            throw new ProblemException(HttpStatus.FORBIDDEN, null, e.getMessage());
        } finally {
            identity.clearAuthentication();
        }
        return ResponseEntity.noContent().build();
    }

    /** Runs the engine's next calls as the caller, so its authorizations apply; returns the caller's groups. */
    private List<String> authenticate(Authentication caller) {
        List<String> groups = Groups.of(caller);
        identity.setAuthentication(caller.getName(), groups);
        return groups;
    }

    private Approval approval(Task task) {
        Map<String, Object> variables = tasks.getVariables(task.getId(), List.of(CamundaLifecycleProcesses.REQUESTED_BY,
                "action", "changeSummary", "reason"));
        return new Approval(task.getId(), task.getName(), task.getProcessInstanceId(),
                businessKey(task), variables.get(CamundaLifecycleProcesses.REQUESTED_BY),
                task.getCreateTime(), task.getDueDate(), variables.get("action"), variables.get("changeSummary"),
                variables.get("reason"));
    }

    private String businessKey(Task task) {
        Object machineId = tasks.getVariable(task.getId(), CamundaLifecycleProcesses.MACHINE_ID);
        return machineId == null ? null : machineId.toString();
    }
}
