package org.metalflow.workflow;

import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.metalflow.boot.InstallEvents;
import org.springframework.stereotype.Component;

/**
 * Delivers an installer's callback to the machine's deploy process as the message {@value #MESSAGE}. When no
 * process waits for it yet, nothing is correlated: the outcome is stored and the process's
 * {@link InstallReportDelegate} finds it before it starts waiting.
 */
@Component
class CamundaInstallEvents implements InstallEvents {

    static final String MESSAGE = "InstallFinished";
    static final String ABORT = "AbortDeploy";

    private final RuntimeService runtime;

    CamundaInstallEvents(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void installFinished(UUID machineId, String outcome, String reason) {
        runtime.createMessageCorrelation(MESSAGE)
                .processInstanceBusinessKey(machineId.toString())
                .setVariable(InstallReportDelegate.OUTCOME, outcome)
                .setVariable(InstallReportDelegate.REASON, reason)
                .correlateAllWithResult();
    }

    @Override
    public boolean abortDeploy(UUID machineId, String actor) {
        return !runtime.createMessageCorrelation(ABORT)
                .processInstanceBusinessKey(machineId.toString())
                .setVariable("abortedBy", actor)
                .correlateAllWithResult()
                .isEmpty();
    }
}
