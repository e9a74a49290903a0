package org.metalflow.lab;

import java.util.Optional;

/**
 * Task monitors: while the task runs, a monitor answers 202 with the task and {@code Retry-After};
 * once it is done the monitor is gone (404) and only the Task in the TaskService remains.
 */
final class TaskEndpoint implements RedfishEndpoint {

    @Override
    public Optional<RedfishAnswer> handle(RedfishRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return Optional.empty();
        }
        String id = request.uris().childOf(request.path(), request.uris().taskService() + "/TaskMonitors");
        if (id == null) {
            return Optional.empty();
        }
        long now = request.bmc().nowMillis();
        return Optional.of(request.bmc().task(id)
                .filter(task -> !task.done(now))
                .map(task -> accepted(request, task))
                .orElseGet(() -> request.error(RedfishError.resourceMissing(request.path()))));
    }

    /** 202 Accepted for a task just started or still running: Location of its monitor and the task. */
    static RedfishAnswer accepted(RedfishRequest request, LabTask task) {
        long now = request.bmc().nowMillis();
        long remainingSeconds = Math.max(1, (task.endMillis() - now + 999) / 1000);
        return RedfishAnswer.of(202, new TaskResources(request.kit(), request.bmc(), request.uris()).task(task, now))
                .header("Location", request.uris().taskMonitor(task.id()))
                .header("Retry-After", Long.toString(Math.min(remainingSeconds, 5)));
    }
}
