package org.metalflow.bmc;

import java.util.Map;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.inventory.Machine;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.stereotype.Component;

/**
 * {@code redfish.power-state}: reads the power state into {@code powerState} for a BPMN wait loop, counting
 * the reads in {@code powerChecks}; at {@code maxPowerChecks} (default 120) reads short of
 * {@code expectedPowerState} ({@code On} unless the task says {@code Off}) it fails, so a machine that never
 * gets there becomes an incident instead of a loop that runs for ever.
 */
@Component
class PowerStateHandler implements TaskHandler {

    private final RedfishConnector redfish;
    private final BmcTargets targets;

    PowerStateHandler(RedfishConnector redfish, BmcTargets targets) {
        this.redfish = redfish;
        this.targets = targets;
    }

    @Override
    public String topic() {
        return "redfish.power-state";
    }

    @Override
    public Map<String, Object> handle(TaskRequest request) {
        BmcTargets.BmcTarget target = targets.of(request.machineId());
        Machine machine = target.machine();
        String state = redfish.powerState(target.bmc(), target.systemUri());
        int checks = request.variable("powerChecks") == null ? 1 : Integer.parseInt(request.variable("powerChecks")) + 1;
        int max = request.variable("maxPowerChecks") == null ? 120 : Integer.parseInt(request.variable("maxPowerChecks"));
        String expected = request.variable("expectedPowerState") == null ? "On" : request.variable("expectedPowerState");
        if (!expected.equals(state) && checks >= max) {
            throw new IllegalStateException("BMC " + machine.bmc().address() + " still reports " + machine.bmc().systemUri()
                    + " as " + state + ", not " + expected + ", after " + max + " reads; check the machine's power"
                    + ("On".equals(expected) ? " and POST" : ""));
        }
        return Map.of("powerState", state == null ? "Unknown" : state, "powerChecks", checks);
    }
}
