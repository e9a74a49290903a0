package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * iDRAC 9: firmware inventory lists each component as Installed, Current and Previous; the Manager's
 * VirtualMedia slots are the deprecated ones (the System's are the ones to use from iDRAC 6.x); and a
 * committed BIOS configuration job blocks every further BIOS PATCH until it runs or is deleted.
 */
final class DellQuirks implements VendorQuirks {

    private static final String INSTALLED = "Installed-";
    private static final String CURRENT = "Current-";
    private static final String PREVIOUS = "Previous-";
    private static final String DELETE_JOB_QUEUE = "#DellJobService.DeleteJobQueue";
    private static final Set<String> FINISHED = Set.of("completed", "failed", "completedwitherrors");

    @Override
    public String name() {
        return "Dell";
    }

    /** Installed copies only; a Current copy only when no Installed one names the same component. */
    @Override
    public boolean reportsFirmware(String id, Set<String> ids) {
        if (id == null) {
            return true;
        }
        if (id.startsWith(PREVIOUS)) {
            return false;
        }
        return !id.startsWith(CURRENT) || !ids.contains(INSTALLED + id.substring(CURRENT.length()));
    }

    @Override
    public boolean virtualMediaOnSystemFirst() {
        return true;
    }

    /**
     * iDRAC answers 400 "Pending configuration values are already committed" (SYS011) while a BIOS
     * configuration job waits for a reboot. Deletes those jobs (only BIOS ones: the queue may also hold
     * firmware or RAID jobs the platform still wants) through DellJobService.DeleteJobQueue.
     */
    @Override
    public boolean clearBiosBlocker(RedfishTransport transport, BmcEndpoint bmc, JsonNode system,
                                    JsonNode settingsObject, RedfishException refusal) {
        if (refusal.status() != 400 || !blockedByPendingJob(refusal.getMessage())) {
            return false;
        }
        ResourceReader reader = new ResourceReader(transport, bmc);
        JsonNode manager = reader.optional(firstLink(system));
        String deleteTarget = Json.text(reader.optional(Json.link(manager, "Links", "Oem", "Dell", "DellJobService")),
                "Actions", DELETE_JOB_QUEUE, "target");
        String jobs = Json.link(settingsObject, "Oem", "Dell", "Jobs");
        if (deleteTarget == null || jobs == null) {
            return false;
        }
        List<String> pending = new ArrayList<>();
        for (JsonNode job : reader.members(jobs)) {
            String state = Json.text(job, "JobState");
            if ("BIOSConfiguration".equalsIgnoreCase(Json.text(job, "JobType")) && Json.text(job, "Id") != null
                    && (state == null || !FINISHED.contains(state.toLowerCase(Locale.ROOT)))) {
                pending.add(Json.text(job, "Id"));
            }
        }
        for (String id : pending) {
            transport.send(bmc, "POST", deleteTarget, Json.MAPPER.createObjectNode().put("JobID", id), null);
        }
        return !pending.isEmpty();
    }

    private static boolean blockedByPendingJob(String message) {
        String text = String.valueOf(message).toLowerCase(Locale.ROOT);
        return text.contains("sys011") || (text.contains("pending") && (text.contains("job")
                || text.contains("configuration")));
    }

    private static String firstLink(JsonNode system) {
        List<String> managers = Json.links(system, "Links", "ManagedBy");
        return managers.isEmpty() ? null : managers.get(0);
    }
}
