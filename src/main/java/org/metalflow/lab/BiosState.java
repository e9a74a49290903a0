package org.metalflow.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BIOS attributes of one BMC that differ from its generated defaults: those in effect and those
 * waiting for the next boot, plus iDRAC's configuration jobs. Exists only once the BIOS was changed.
 * Not thread-safe: {@link SimulatedBmc} guards it.
 */
final class BiosState {

    /** An iDRAC job: Scheduled until the boot that applies it, then Completed. */
    record DellJob(String id, String name, String state, long createdMillis, long completedMillis) {

        boolean scheduled() {
            return "Scheduled".equals(state);
        }
    }

    private final Map<String, Object> applied = new LinkedHashMap<>();
    private final Map<String, Object> pending = new LinkedHashMap<>();
    private final List<DellJob> jobs = new ArrayList<>();

    Map<String, Object> applied() {
        return applied;
    }

    Map<String, Object> pending() {
        return pending;
    }

    void stage(Map<String, Object> changes) {
        pending.putAll(changes);
    }

    /** The host booted: what was pending is now in effect, and scheduled jobs are done. */
    void boot(long atMillis) {
        applied.putAll(pending);
        pending.clear();
        jobs.replaceAll(job -> job.scheduled()
                ? new DellJob(job.id(), job.name(), "Completed", job.createdMillis(), atMillis) : job);
    }

    boolean hasScheduledJob() {
        return jobs.stream().anyMatch(DellJob::scheduled);
    }

    void addJob(DellJob job) {
        jobs.add(job);
    }

    List<DellJob> jobs() {
        return List.copyOf(jobs);
    }

    /** iDRAC's DeleteJobQueue: JID_CLEARALL drops every job and the pending values with them. */
    boolean deleteJob(String jobId) {
        if ("JID_CLEARALL".equals(jobId)) {
            jobs.clear();
            pending.clear();
            return true;
        }
        boolean wasScheduled = jobs.stream().anyMatch(job -> job.id().equals(jobId) && job.scheduled());
        boolean removed = jobs.removeIf(job -> job.id().equals(jobId));
        if (wasScheduled) {
            pending.clear();
        }
        return removed;
    }
}
