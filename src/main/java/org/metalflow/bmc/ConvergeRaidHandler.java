package org.metalflow.bmc;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.metalflow.audit.AuditLog;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.RedfishException;
import org.metalflow.connectors.redfish.TaskStatus;
import org.metalflow.workflow.BusinessFailure;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.stereotype.Component;

/**
 * {@code redfish.raid-converge}: makes one change toward the profile's volumes. Sets {@code raidDone} when the
 * layout matches, and {@code raidTask} to the BMC task to wait for when the change runs in the background.
 */
@Component
class ConvergeRaidHandler implements TaskHandler {

    static final String CHANGES = "raidChanges";

    private final RedfishConnector redfish;
    private final PreparationContext context;
    private final AuditLog audit;

    ConvergeRaidHandler(RedfishConnector redfish, PreparationContext context, AuditLog audit) {
        this.redfish = redfish;
        this.context = context;
        this.audit = audit;
    }

    @Override
    public String topic() {
        return "redfish.raid-converge";
    }

    /** Enough to delete every volume a machine can have and create the profile's, twice over. */
    private static int maxChanges(PreparationContext.Target t) {
        return 2 * (t.profile().raid().size() + t.machine().hardware().drives().size());
    }

    @Override
    public Map<String, Object> handle(TaskRequest request) {
        PreparationContext.Target t = context.of(request.machineId());
        Map<String, Object> out = new HashMap<>();
        out.put("raidTask", null);
        if (t.profile().raid().isEmpty()) {
            out.put("raidDone", true);
            return out;
        }
        int changes = request.variable(CHANGES) == null ? 0 : Integer.parseInt(request.variable(CHANGES));
        try {
            Optional<RaidPlan.Step> step = RaidPlan.next(t.profile().raid(), redfish.volumes(t.bmc(), t.systemUri()),
                    redfish.storage(t.bmc(), t.systemUri()), t.machine().hardware().drives());
            if (step.isPresent() && changes >= maxChanges(t)) {
                // a BMC that builds volumes other than asked would make the loop go round for ever
                throw new IllegalStateException("the volumes of " + t.machine().name() + " still differ from profile "
                        + t.profile().name() + " after " + changes + " changes; next would be " + step.get());
            }
            out.put(CHANGES, changes + (step.isPresent() ? 1 : 0));
            out.put("raidDone", step.isEmpty());
            step.flatMap(s -> s instanceof RaidPlan.Delete d
                            ? redfish.deleteVolume(t.bmc(), d.volume().uri())
                            : redfish.createVolume(t.bmc(), ((RaidPlan.Create) s).storageUri(),
                                    ((RaidPlan.Create) s).request()))
                    .map(TaskStatus::uri).ifPresent(uri -> out.put("raidTask", uri));
            step.ifPresent(s -> audit.record(s instanceof RaidPlan.Delete d
                    ? request.sideEffect("raid.delete-volume").on("volume", d.volume().uri())
                            .detail("raidType", d.volume().raidType())
                    : request.sideEffect("raid.create-volume").on("storage", ((RaidPlan.Create) s).storageUri())
                            .detail("name", ((RaidPlan.Create) s).request().name())
                            .detail("raidType", ((RaidPlan.Create) s).request().raidType())
                            .detail("drives", ((RaidPlan.Create) s).request().driveUris().size())));
            return out;
        } catch (RaidPlan.Impossible e) {
            throw new BusinessFailure(StageBiosHandler.PREPARE_REJECTED, e.getMessage());
        } catch (RedfishException e) {
            throw BmcFailures.classify(e, StageBiosHandler.PREPARE_REJECTED);
        }
    }
}
