package org.metalflow.bmc;

import java.util.Map;
import org.metalflow.audit.AuditLog;
import org.metalflow.connectors.redfish.BootOverride;
import org.metalflow.connectors.redfish.RedfishException;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.stereotype.Component;

/**
 * {@code redfish.boot-override}: input {@code bootTarget} (Redfish's names: {@code Pxe}, {@code Hdd}, ...) and
 * {@code bootEnabled} ({@code Once}, the default, or {@code Continuous}). Setting what is set already is
 * harmless, so the step converges.
 */
@Component
class BootOverrideHandler implements TaskHandler {

    private final org.metalflow.connectors.redfish.RedfishConnector redfish;
    private final BmcTargets targets;
    private final AuditLog audit;

    BootOverrideHandler(org.metalflow.connectors.redfish.RedfishConnector redfish, BmcTargets targets, AuditLog audit) {
        this.redfish = redfish;
        this.targets = targets;
        this.audit = audit;
    }

    @Override
    public String topic() {
        return "redfish.boot-override";
    }

    @Override
    public Map<String, Object> handle(TaskRequest request) {
        String target = request.variable("bootTarget");
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("BPMN task " + request.activityId() + " needs the input bootTarget "
                    + "(Pxe, Hdd, ...)");
        }
        String enabled = request.variable("bootEnabled");
        BootOverride.Enabled mode;
        try {
            mode = enabled == null ? BootOverride.Enabled.Once : BootOverride.Enabled.valueOf(enabled);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("BPMN task " + request.activityId() + " has bootEnabled '" + enabled
                    + "'; use Once or Continuous");
        }
        BmcTargets.BmcTarget machine = targets.of(request.machineId());
        try {
            redfish.setBootOverride(machine.bmc(), machine.systemUri(), new BootOverride(target, mode, null));
            audit.record(request.sideEffect("boot.override").on("system", machine.systemUri())
                    .detail("bmcAddress", machine.machine().bmc().address()).detail("target", target)
                    .detail("enabled", mode.name()));
            return Map.of();
        } catch (RedfishException e) {
            throw BmcFailures.classify(e, StageBiosHandler.PREPARE_REJECTED);
        }
    }
}
