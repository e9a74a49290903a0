package org.metalflow.lab;

/**
 * What one BMC has seen: requests in all, and the most requests and sessions it had at one time, so a
 * test can prove a client kept within its limits. Not thread-safe: {@link SimulatedBmc} guards it.
 */
final class LoadCounters {

    private int inFlight;
    private int maxInFlight;
    private long requests;
    private int maxSessions;

    void started() {
        inFlight++;
        requests++;
        maxInFlight = Math.max(maxInFlight, inFlight);
    }

    void ended() {
        inFlight--;
    }

    void sessions(int open) {
        maxSessions = Math.max(maxSessions, open);
    }

    /** Starts counting again from what is open now. */
    void reset(int openSessions) {
        maxInFlight = inFlight;
        requests = 0;
        maxSessions = openSessions;
    }

    LabBmcView.Observed view() {
        return new LabBmcView.Observed(maxInFlight, maxSessions, requests);
    }
}
