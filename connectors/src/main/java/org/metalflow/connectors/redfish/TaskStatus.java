package org.metalflow.connectors.redfish;

import java.time.Duration;
import java.util.List;

/**
 * What a Redfish task (firmware update, volume creation, secure erase) is doing. Long operations answer 202
 * with a task monitor; the caller polls {@link RedfishConnector#task} at {@code retryAfter} (from the BMC's
 * Retry-After, or a default) until {@code done}. Waiting is the caller's business (a BPMN timer), not a thread.
 *
 * @param uri       the task monitor URI, or the Task resource when the monitor vanished
 * @param state     TaskState (New, Starting, Running, Suspended, Interrupted, Pending, Stopping, Completed,
 *                  Killed, Exception, Service, Cancelling, Cancelled)
 * @param messages  the task's messages, for an operator
 */
public record TaskStatus(String uri, String state, String taskStatus, Integer percentComplete,
                         List<String> messages, Duration retryAfter) {

    public boolean done() {
        return state != null && List.of("Completed", "Killed", "Exception", "Cancelled").contains(state);
    }

    public boolean succeeded() {
        return "Completed".equals(state) && (taskStatus == null || "OK".equals(taskStatus)
                || "Warning".equals(taskStatus));
    }
}
