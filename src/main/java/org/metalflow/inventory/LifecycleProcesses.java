package org.metalflow.inventory;

import java.util.Optional;
import java.util.UUID;

/**
 * Starts and looks up the lifecycle processes that carry actions out. Implemented by the workflow package,
 * the only one that knows the process engine.
 */
public interface LifecycleProcesses {

    /**
     * Starts the action's process for the machine, inside the caller's transaction; returns its instance id.
     * {@code variables} are the action's plain parameters ({@link ActionParameters}), never secrets.
     */
    String start(UUID machineId, MachineAction action, String actor, java.util.Map<String, Object> variables);

    /** Whether the process instance is still running (it may wait on a task, a timer or an incident). */
    boolean isRunning(String processInstanceId);

    /** What a running process is doing, for operators; empty once it has ended. */
    Optional<ProcessStatus> status(String processInstanceId);

    /**
     * @param activities the names of the activities the process (and any process it called) waits in now
     * @param incidents  the messages of its open incidents, each one a reason the machine is stuck
     */
    record ProcessStatus(String processInstanceId, String processKey, java.util.List<String> activities,
                         java.util.List<String> incidents) {
    }
}
