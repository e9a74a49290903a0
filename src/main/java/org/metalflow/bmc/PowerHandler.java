package org.metalflow.bmc;

import java.util.Map;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.RedfishException;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineService;
import org.metalflow.workflow.BusinessFailure;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.stereotype.Component;

/**
 * {@code redfish.power}: input {@code powerAction} = {@code restart} (ForceRestart when on, On when off),
 * {@code on} or {@code off}. Converges: "on" on a machine that is on does nothing. Resets the
 * {@code powerChecks} counter the following wait loop uses.
 */
@Component
class PowerHandler implements TaskHandler {

    private final RedfishConnector redfish;
    private final BmcEndpoints endpoints;
    private final MachineService machines;

    PowerHandler(RedfishConnector redfish, BmcEndpoints endpoints, MachineService machines) {
        this.redfish = redfish;
        this.endpoints = endpoints;
        this.machines = machines;
    }

    @Override
    public String topic() {
        return "redfish.power";
    }

    @Override
    public Map<String, Object> handle(TaskRequest request) {
        Machine machine = machines.get(request.machineId());
        String action = request.variable("powerAction");
        String system = machine.bmc().systemUri();
        try {
            var bmc = endpoints.of(machine);
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
            }
            return Map.of("powerChecks", 0);
        } catch (RedfishException e) {
            throw BmcFailures.classify(e, StageBiosHandler.PREPARE_REJECTED);
        }
    }
}
