package org.metalflow.workflow;

import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.metalflow.inventory.MachineService;
import org.springframework.stereotype.Component;

/**
 * Records a rejected approval where the operator who asked looks ({@code ${approvalRejection}}): the
 * machine's last error (its state stays as it was) and a comment on the process instance. Reads the approval
 * gate's outputs {@code approvedBy} and {@code approvalComment}.
 */
@Component("approvalRejection")
class ApprovalRejection implements JavaDelegate {

    private final MachineService machines;
    private final TaskService tasks;

    ApprovalRejection(MachineService machines, TaskService tasks) {
        this.machines = machines;
        this.tasks = tasks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String process = execution.getProcessDefinitionId().split(":")[0];
        String message = process + " rejected by " + execution.getVariable("approvedBy") + ": "
                + execution.getVariable("approvalComment");
        machines.recordError(UUID.fromString(execution.getProcessBusinessKey()), message);
        tasks.createComment(null, execution.getProcessInstanceId(), message);
    }
}
