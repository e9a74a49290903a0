package org.metalflow.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.metalflow.approval.ApprovalProperties;
import org.springframework.stereotype.Component;

/**
 * Start listener of the approval process ({@code ${approvalDefaults}}): fills the timing inputs a caller did
 * not pass ({@code due}, {@code remindAfter}, {@code escalateAfter}, {@code escalationGroup}) from
 * {@code metalflow.approval.*}, so a designer overrides them per call activity and operators per site; and
 * blanks for the descriptive inputs a caller left out, so the task name and form still render.
 */
@Component("approvalDefaults")
class ApprovalDefaults implements ExecutionListener {

    private final ApprovalProperties properties;

    ApprovalDefaults(ApprovalProperties properties) {
        this.properties = properties;
    }

    @Override
    public void notify(DelegateExecution execution) {
        fill(execution, "due", properties.due().toString());
        fill(execution, "remindAfter", properties.remindAfter().toString());
        fill(execution, "escalateAfter", properties.escalateAfter().toString());
        fill(execution, "escalationGroup", properties.escalationGroup());
        fill(execution, "action", "change");
        fill(execution, "reason", "");
        fill(execution, "changeSummary", "");
    }

    private static void fill(DelegateExecution execution, String name, String value) {
        Object current = execution.getVariable(name);
        if (current == null || current.toString().isBlank()) {
            execution.setVariable(name, value);
        }
    }
}
