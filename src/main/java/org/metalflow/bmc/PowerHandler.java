package org.metalflow.bmc;

import java.util.Map;
import org.metalflow.audit.AuditLog;
import org.metalflow.connectors.redfish.BmcEndpoint;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.RedfishException;
import org.metalflow.workflow.BusinessFailure;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.stereotype.Component;

/**
 * {@code redfish.power}: input {@code powerAction} = {@code restart} (ForceRestart when on, On when off),
 * {@code on} or {@code off}. Converges: "on" on a machine that is on does nothing (and is not audited; a reset
 * sent is, as {@code power.<action>}). Resets the
 * {@code powerChecks} counter the following wait loop uses.
 */
@Component
class PowerHandler implements TaskHandler {

    private final RedfishConnector redfish;
    private final BmcTargets targets;
    private final AuditLog audit;

    PowerHandler(RedfishConnector redfish, BmcTargets targets, AuditLog audit) {
        this.redfish = redfish;
        this.targets = targets;
        this.audit = audit;
    }

    @Override
    public String topic() {
        return "redfish.power";
    }

    @Override
    public Map<String, Object> handle(TaskRequest request) {
        BmcTargets.BmcTarget target = targets.of(request.machineId());
        String action = request.variable("powerAction");
        String system = target.systemUri();
        try {
            BmcEndpoint bmc = target.bmc();
            boolean on = "On".equals(redfish.powerState(bmc, system));
            String resetType = switch (action == null ? "" : action) {
                case "restart" -> on ? "ForceRestart" : "On";
                case "on" -> on ? null : "On";
                case "off" -> on ? "ForceOff" : null;
                default -> throw new IllegalArgumentException("BPMN task " + request.activityId()
                        + " has powerAction '" + action + "'; use restart, on or off");
            };
            if (resetType != null) {
                redfish.reset(bmc, system, resetType);
                audit.record(request.sideEffect("power." + action).on("system", system)
                        .detail("bmcAddress", target.machine().bmc().address()).detail("resetType", resetType));
            }
            return Map.of("powerChecks", 0);
        } catch (RedfishException e) {
            throw BmcFailures.classify(e, StageBiosHandler.PREPARE_REJECTED);
        }
    }
}
