package org.metalflow.bmc;

import java.util.Map;
import org.metalflow.audit.AuditLog;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.RedfishException;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.stereotype.Component;

/**
 * {@code redfish.bios-stage}: stages the profile's BIOS attributes to apply on the next reset. The connector
 * checks them against the BMC's registry first and skips what is already set, so a repeat changes nothing.
 */
@Component
class StageBiosHandler implements TaskHandler {

    static final String PREPARE_REJECTED = "PREPARE_REJECTED";

    private final RedfishConnector redfish;
    private final PreparationContext context;
    private final AuditLog audit;

    StageBiosHandler(RedfishConnector redfish, PreparationContext context, AuditLog audit) {
        this.redfish = redfish;
        this.context = context;
        this.audit = audit;
    }

    @Override
    public String topic() {
        return "redfish.bios-stage";
    }

    @Override
    public Map<String, Object> handle(TaskRequest request) {
        PreparationContext.Target target = context.of(request.machineId());
        if (!target.profile().bios().isEmpty()) {
            try {
                redfish.setBiosAttributes(target.bmc(), target.systemUri(), target.profile().bios());
                audit.record(request.sideEffect("bios.stage").on("system", target.systemUri())
                        .detail("bmcAddress", target.machine().bmc().address())
                        .detail("profile", target.profile().name())
                        .detail("attributes", String.join(",", new java.util.TreeSet<>(target.profile().bios().keySet()))));
            } catch (RedfishException e) {
                throw BmcFailures.classify(e, PREPARE_REJECTED);
            }
        }
        return Map.of();
    }
}
