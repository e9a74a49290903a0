package org.metalflow.workflow;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Escalates an approval still undecided ({@code ${approvalEscalation}}, behind a non-interrupting timer): the
 * process's {@code escalationGroup} becomes a candidate group of the open task, next to change-approvers, so
 * its members see it in Tasklist and may decide it. Four eyes still hold: the requester never decides.
 */
@Component("approvalEscalation")
class ApprovalEscalation implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(ApprovalEscalation.class);

    private final TaskService tasks;

    ApprovalEscalation(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String group = String.valueOf(execution.getVariable("escalationGroup"));
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
            tasks.addCandidateGroup(task.getId(), group);
            tasks.createComment(task.getId(), execution.getProcessInstanceId(), "escalated to " + group
                    + ": still undecided");
            log.info("approval task {} ({} of machine {}) escalated to group {}", task.getId(),
                    execution.getVariable("action"), execution.getVariable(CamundaLifecycleProcesses.MACHINE_ID), group);
        }
    }
}
