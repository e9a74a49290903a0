package org.metalflow.bmc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.metalflow.audit.AuditLog;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.RedfishException;
import org.metalflow.connectors.redfish.StorageController;
import org.metalflow.connectors.redfish.SystemInventory;
import org.metalflow.connectors.redfish.TaskStatus;
import org.metalflow.workflow.BusinessFailure;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code redfish.secure-erase}: starts the Drive.SecureErase of the next drive of the machine not yet erased in
 * this process run ({@code erasedDrives}, drive URIs one per line). Sets {@code eraseTask} to the BMC task to
 * wait for (null when the BMC erased at once) and {@code eraseDone} when a run found no drive left to erase.
 * A drive without the action is {@code RELEASE_REJECTED}, or, with
 * {@code metalflow.release.skip-drives-without-erase}, listed in {@code eraseSkipped} with its data left on it.
 */
@Component
class SecureEraseHandler implements TaskHandler {

    static final String ERASED = "erasedDrives";
    static final String SKIPPED = "eraseSkipped";
    static final String RELEASE_REJECTED = "RELEASE_REJECTED";

    /** How the connector words its refusal, before sending anything, of a drive that has no erase action. */
    private static final String NO_ERASE_ACTION = "offers no Drive.SecureErase action";

    private final RedfishConnector redfish;
    private final BmcTargets targets;
    private final boolean skipDrivesWithoutErase;
    private final AuditLog audit;

    SecureEraseHandler(RedfishConnector redfish, BmcTargets targets,
                       @Value("${metalflow.release.skip-drives-without-erase:false}") boolean skipDrivesWithoutErase,
                       AuditLog audit) {
        this.redfish = redfish;
        this.targets = targets;
        this.skipDrivesWithoutErase = skipDrivesWithoutErase;
        this.audit = audit;
    }

    @Override
    public String topic() {
        return "redfish.secure-erase";
    }

    @Override
    public Map<String, Object> handle(TaskRequest request) {
        BmcTargets.BmcTarget t = targets.of(request.machineId());
        List<String> erased = lines(request.variable(ERASED));
        Set<String> skipped = new LinkedHashSet<>(lines(request.variable(SKIPPED)));
        Map<String, Object> out = new HashMap<>();
        out.put("eraseTask", null);
        out.put("eraseDone", true);
        try {
            List<String> drives = driveUris(t);
            if (drives.isEmpty()) {
                unreachableDrives(t).forEach(name -> skipped.add(refuseOrSkip(t, name,
                        "is listed only as a SimpleStorage device, which has no Drive.SecureErase action")));
            }
            for (String drive : drives) {
                if (erased.contains(drive) || skipped.contains(drive)) {
                    continue;
                }
                Optional<TaskStatus> task;
                try {
                    task = redfish.secureErase(t.bmc(), drive);
                } catch (RedfishException e) {
                    if (!offersNoErase(e)) {
                        throw e;
                    }
                    skipped.add(refuseOrSkip(t, drive, "offers no Drive.SecureErase action"));
                    continue;
                }
                erased.add(drive);
                audit.record(request.sideEffect("drive.secure-erase").on("drive", drive)
                        .detail("bmcAddress", t.machine().bmc().address())
                        .detail("bmcTask", task.map(TaskStatus::uri).orElse(null)));
                out.put("eraseTask", task.map(TaskStatus::uri).orElse(null));
                out.put("eraseDone", false);
                break;
            }
        } catch (RedfishException e) {
            throw BmcFailures.classify(e, RELEASE_REJECTED);
        }
        out.put(ERASED, String.join("\n", erased));
        out.put(SKIPPED, String.join("\n", skipped));
        return out;
    }

    /**
     * Whether the connector refused the erase because the drive has no Drive.SecureErase action (its own check,
     * before sending), as opposed to the BMC refusing the request. The connector has no typed signal for it.
     */
    static boolean offersNoErase(RedfishException e) {
        return !e.transientFailure() && e.getMessage() != null && e.getMessage().contains(NO_ERASE_ACTION);
    }

    private String refuseOrSkip(BmcTargets.BmcTarget t, String drive, String why) {
        if (!skipDrivesWithoutErase) {
            throw new BusinessFailure(RELEASE_REJECTED, "drive " + drive + " of machine " + t.machine().name()
                    + " (BMC " + t.machine().bmc().address() + ") " + why + ", so its data cannot be erased through "
                    + "Redfish; erase it by other means, or set metalflow.release.skip-drives-without-erase=true to "
                    + "release such machines with the data left on those drives");
        }
        return drive;
    }

    /** Every Drive linked from the system's Storage, in the BMC's order, each once. */
    private List<String> driveUris(BmcTargets.BmcTarget t) {
        Set<String> uris = new LinkedHashSet<>();
        for (StorageController controller : redfish.storage(t.bmc(), t.systemUri())) {
            uris.addAll(controller.driveUris());
        }
        return new ArrayList<>(uris);
    }

    /**
     * The drives the inventory sees although no Storage links a Drive resource (SimpleStorage devices, or a
     * Drives collection the storage reader does not follow). Read only when there is no Drive link at all, so
     * that "nothing to erase" is never concluded from an empty list alone.
     */
    private List<String> unreachableDrives(BmcTargets.BmcTarget t) {
        List<String> names = new ArrayList<>();
        List<SystemInventory.Drive> drives = redfish.inventory(t.bmc(), t.systemUri()).drives();
        for (int i = 0; i < drives.size(); i++) {
            SystemInventory.Drive d = drives.get(i);
            names.add(d.id() != null ? d.id() : d.name() != null ? d.name() : "#" + (i + 1));
        }
        return names;
    }

    private static List<String> lines(String value) {
        return value == null || value.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(value.split("\n")));
    }
}
