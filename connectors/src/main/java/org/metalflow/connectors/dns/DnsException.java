package org.metalflow.connectors.dns;

/**
 * A DNS server refused an update or could not be reached. The message names the server, the record and the
 * answer (rcode or HTTP status), never a TSIG secret or API key.
 */
public class DnsException extends RuntimeException {

    private final boolean transientFailure;

    public DnsException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public DnsException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }

    /** True when the same call may succeed later (no answer, SERVFAIL, 5xx); false for REFUSED, NOTAUTH, 4xx, conflicts. */
    public boolean transientFailure() {
        return transientFailure;
    }
}
