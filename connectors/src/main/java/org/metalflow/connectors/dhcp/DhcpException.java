package org.metalflow.connectors.dhcp;

/**
 * A DHCP server refused or could not be reached. The message names the server and what it answered, for an
 * operator reading a Cockpit incident; it never carries credentials.
 */
public class DhcpException extends RuntimeException {

    private final boolean transientFailure;

    public DhcpException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public DhcpException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }

    /** True when the same call may succeed later (server down, timeout, lock busy); false for a refusal or conflict. */
    public boolean transientFailure() {
        return transientFailure;
    }
}
