package org.metalflow.bmc;

import java.util.Map;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.TaskStatus;
import org.metalflow.inventory.Machine;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.stereotype.Component;

/**
 * {@code redfish.task}: one read of the BMC task in {@code taskUri}; sets {@code taskDone}. A task that ended
 * in failure, or is still running after {@code maxPolls} reads, fails the step with the BMC's messages, so
 * the operator sees an incident rather than a change that silently did not happen.
 */
@Component
class BmcTaskHandler implements TaskHandler {

    private final RedfishConnector redfish;
    private final BmcTargets targets;

    BmcTaskHandler(RedfishConnector redfish, BmcTargets targets) {
        this.redfish = redfish;
        this.targets = targets;
    }

    @Override
    public String topic() {
        return "redfish.task";
    }

    @Override
    public Map<String, Object> handle(TaskRequest request) {
        String taskUri = request.variable("taskUri");
        if (taskUri == null) {
            return Map.of("taskDone", true);
        }
        BmcTargets.BmcTarget target = targets.of(request.machineId());
        Machine machine = target.machine();
        TaskStatus status = redfish.task(target.bmc(), taskUri);
        int polls = request.variable("taskPolls") == null ? 1 : Integer.parseInt(request.variable("taskPolls")) + 1;
        int max = request.variable("maxPolls") == null ? 720 : Integer.parseInt(request.variable("maxPolls"));
        if (status.done() && !status.succeeded()) {
            throw new IllegalStateException("BMC " + machine.bmc().address() + " task " + taskUri + " ended "
                    + status.state() + "/" + status.taskStatus() + ": " + String.join("; ", status.messages()));
        }
        if (!status.done() && polls >= max) {
            throw new IllegalStateException("BMC " + machine.bmc().address() + " task " + taskUri + " is still "
                    + status.state() + " after " + polls + " reads (" + status.percentComplete() + "% complete)");
        }
        return Map.of("taskDone", status.done(), "taskPolls", polls);
    }
}
