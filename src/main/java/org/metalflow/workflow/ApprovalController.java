package org.metalflow.workflow;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.api.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

    record Approval(String id, String name, String processInstanceId, String machineId, Object requestedBy,
                    java.util.Date created, java.util.Date due) {
    }

    @GetMapping("/api/v1/approvals")
    @Operation(summary = "Open approval tasks the caller may see (as in Tasklist), oldest first")
    List<Approval> list(Principal principal) {
        authenticate(principal.getName());
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
    ResponseEntity<Void> decide(@PathVariable String taskId, @RequestBody Decision decision, Principal principal) {
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
        List<String> groups = authenticate(user);
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

    /** Runs the engine's next calls as this user, so its authorizations apply; returns the user's groups. */
    private List<String> authenticate(String user) {
        identity.clearAuthentication();
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        identity.setAuthentication(user, groups);
        return groups;
    }

    private Approval approval(Task task) {
        return new Approval(task.getId(), task.getName(), task.getProcessInstanceId(),
                businessKey(task), tasks.getVariable(task.getId(), CamundaLifecycleProcesses.REQUESTED_BY),
                task.getCreateTime(), task.getDueDate());
    }

    private String businessKey(Task task) {
        Object machineId = tasks.getVariable(task.getId(), CamundaLifecycleProcesses.MACHINE_ID);
        return machineId == null ? null : machineId.toString();
    }
}
