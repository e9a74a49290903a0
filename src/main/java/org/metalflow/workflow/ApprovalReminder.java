package org.metalflow.workflow;

import java.time.Clock;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reminds about an approval that waits long ({@code ${approvalReminder}}, behind a non-interrupting timer):
 * marks the open task with the local variable {@code reminded} (when) and comments on it, so Tasklist, the
 * approvals API and the history show that it is overdue. Mail or chat would hook in here.
 */
@Component("approvalReminder")
class ApprovalReminder implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(ApprovalReminder.class);

    private final TaskService tasks;
    private final Clock clock;

    ApprovalReminder(TaskService tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
            tasks.setVariableLocal(task.getId(), "reminded", clock.instant().toString());
            tasks.createComment(task.getId(), execution.getProcessInstanceId(), "reminder: the approval of "
                    + execution.getVariable("action") + " requested by " + execution.getVariable("requestedBy")
                    + " waits for a member of " + FourEyesListener.APPROVERS);
            log.info("approval task {} ({} of machine {}) waits long: reminder recorded", task.getId(),
                    execution.getVariable("action"), execution.getVariable(CamundaLifecycleProcesses.MACHINE_ID));
        }
    }
}
