package org.metalflow.connectors.redfish;

/**
 * A Redfish call that did not succeed. The message is written for an operator reading a Cockpit incident:
 * which BMC, which request, what it answered, e.g.
 * {@code BMC https://10.1.2.3 refused PATCH /redfish/v1/Systems/1: 412 Precondition Failed (ETag mismatch)}.
 * Never carries credentials.
 */
public class RedfishException extends RuntimeException {

    private final int status;

    public RedfishException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public RedfishException(String message, int status) {
        this(message, status, null);
    }

    /** HTTP status the BMC answered, or 0 when no answer came (connection refused, timeout, TLS). */
    public int status() {
        return status;
    }

    /**
     * True when repeating the same call later may succeed (no answer, 408, 429, 5xx). Wrong credentials,
     * a missing resource or a refused value are not transient: retrying burns time and, for credentials,
     * may lock the BMC account.
     */
    public boolean transientFailure() {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }
}
