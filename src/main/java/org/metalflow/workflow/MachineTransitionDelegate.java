package org.metalflow.workflow;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.metalflow.inventory.MachineService;
import org.metalflow.inventory.MachineState;
import org.springframework.stereotype.Component;

/**
 * The service task that moves the process's machine to another lifecycle state, inside the engine's
 * transaction so the process and the state advance together. BPMN: {@code camunda:delegateExpression=
 * "${machineTransition}"} with input parameters {@code targetState} (a state name such as {@code manageable})
 * and optionally {@code reason} (e.g. {@code ${errorMessage}}). The lifecycle table still decides: an
 * illegal change fails the step.
 */
@Component("machineTransition")
class MachineTransitionDelegate implements JavaDelegate {

    private final MachineService machines;

    MachineTransitionDelegate(MachineService machines) {
        this.machines = machines;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object target = execution.getVariableLocal("targetState");
        if (target == null) {
            throw new IllegalStateException("BPMN task " + execution.getCurrentActivityId()
                    + " needs the input parameter targetState");
        }
        MachineState to = MachineState.parse(target.toString()).orElseThrow(() -> new IllegalStateException(
                "BPMN task " + execution.getCurrentActivityId() + " names an unknown state '" + target + "'"));
        Object reason = execution.getVariableLocal("reason");
        // who asked for the work, and which process did it on their behalf
        Object requestedBy = execution.getVariable(CamundaLifecycleProcesses.REQUESTED_BY);
        String process = execution.getProcessDefinitionId().split(":")[0];
        String actor = (requestedBy == null ? "system" : requestedBy) + " via " + process;
        machines.transition(UUID.fromString(execution.getProcessBusinessKey()), to, actor,
                reason == null ? execution.getCurrentActivityName() : reason.toString(),
                execution.getProcessInstanceId());
    }
}
