package org.metalflow.workflow;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.metalflow.boot.Deployment;
import org.metalflow.boot.InstallService;
import org.springframework.stereotype.Component;

/**
 * Reads what the installer reported so far into {@code installOutcome} ({@code installed}, {@code failed} or
 * null) and {@code installReason}. It locks the deployment row, as the callback does, and the message catch
 * event that follows it in the same transaction subscribes before the lock is released: an installer that
 * calls back at any moment is either seen here or correlated to the waiting process.
 */
@Component("installReport")
class InstallReportDelegate implements JavaDelegate {

    static final String OUTCOME = "installOutcome";
    static final String REASON = "installReason";

    private final InstallService installs;

    InstallReportDelegate(InstallService installs) {
        this.installs = installs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID machineId = UUID.fromString(execution.getProcessBusinessKey());
        String outcome = installs.lockedOutcome(machineId).orElse(null);
        execution.setVariable(OUTCOME, outcome);
        execution.setVariable(REASON, outcome == null ? null
                : installs.findDeployment(machineId).map(Deployment::installReason).orElse(null));
    }
}
