package org.metalflow.connectors.puppet;

/**
 * Puppet Server refused a request or could not be reached, or a report could not be read. The message names the
 * server, the request and what it answered, and at most the subject of the client certificate, never its key.
 */
public class PuppetException extends RuntimeException {

    private final boolean transientFailure;

    public PuppetException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public PuppetException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }

    /**
     * True when the same call may succeed later (no answer, timeout, HTTP 5xx, a certificate request that has not
     * arrived yet); false for refusals (401/403, a certificate the server does not accept), conflicts and bad input.
     */
    public boolean transientFailure() {
        return transientFailure;
    }
}
