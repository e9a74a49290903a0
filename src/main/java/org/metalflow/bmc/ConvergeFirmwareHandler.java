package org.metalflow.bmc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.metalflow.audit.AuditLog;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.RedfishException;
import org.metalflow.connectors.redfish.SystemInventory;
import org.metalflow.connectors.redfish.TaskStatus;
import org.metalflow.profile.HardwareProfile;
import org.metalflow.workflow.BusinessFailure;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.stereotype.Component;

/**
 * {@code redfish.firmware-converge}: starts the update of one component below the profile's baseline. Some
 * updates (BIOS) take effect only after the reboot, so a component is updated at most once per process run
 * ({@code firmwareRequested}); the verify step checks the versions after the reboot.
 */
@Component
class ConvergeFirmwareHandler implements TaskHandler {

    static final String REQUESTED = "firmwareRequested";

    private final RedfishConnector redfish;
    private final PreparationContext context;
    private final AuditLog audit;

    ConvergeFirmwareHandler(RedfishConnector redfish, PreparationContext context, AuditLog audit) {
        this.redfish = redfish;
        this.context = context;
        this.audit = audit;
    }

    @Override
    public String topic() {
        return "redfish.firmware-converge";
    }

    @Override
    public Map<String, Object> handle(TaskRequest request) {
        PreparationContext.Target t = context.of(request.machineId());
        List<String> requested = new ArrayList<>(request.variable(REQUESTED) == null ? List.of()
                : Arrays.asList(request.variable(REQUESTED).split("\n")));
        Map<String, Object> out = new HashMap<>();
        out.put("firmwareTask", null);
        out.put("firmwareDone", true);
        if (t.profile().firmware().isEmpty()) {
            return out;
        }
        try {
            List<SystemInventory.Firmware> installed = redfish.inventory(t.bmc(), t.systemUri()).firmware();
            for (HardwareProfile.FirmwareSpec spec : t.profile().firmware()) {
                if (requested.contains(spec.component())) {
                    continue;
                }
                SystemInventory.Firmware current = FirmwareVersions.find(installed, spec.component())
                        .orElseThrow(() -> new BusinessFailure(StageBiosHandler.PREPARE_REJECTED, "machine "
                                + t.machine().name() + " has no firmware component matching '" + spec.component() + "'"));
                if (FirmwareVersions.atLeast(current.version(), spec.version())) {
                    continue;
                }
                TaskStatus task = redfish.simpleUpdate(t.bmc(), spec.imageUri(), List.of());
                // not the image URI: it may carry a signed query or user info
                audit.record(request.sideEffect("firmware.update").on("firmware", spec.component())
                        .detail("from", current.version()).detail("to", spec.version()).detail("bmcTask", task.uri()));
                requested.add(spec.component());
                out.put("firmwareTask", task.uri());
                out.put("firmwareDone", false);
                break;
            }
        } catch (RedfishException e) {
            throw BmcFailures.classify(e, StageBiosHandler.PREPARE_REJECTED);
        }
        out.put(REQUESTED, String.join("\n", requested));
        return out;
    }
}
