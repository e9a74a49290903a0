package org.metalflow.boot;

import java.util.UUID;

/**
 * Tells the machine's deploy process that its installer called back. Implemented by the workflow package.
 * Called inside the callback's transaction after the outcome is stored; when no process waits yet (the
 * installer was faster than the process), the process finds the stored outcome when it gets there.
 */
public interface InstallEvents {

    void installFinished(UUID machineId, String outcome, String reason);

    /**
     * Stops the machine's running deploy: it undoes the records it wrote and leaves the machine deploy-failed.
     * Returns false when no deploy of the machine runs.
     */
    boolean abortDeploy(UUID machineId, String actor);
}
