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
     * True when repeating the same call later may succeed: no answer, a timeout, a conflict with a change in
     * flight (409, 412 ETag mismatch, 428), throttling (429) or a server error (5xx but 501). A refusal (400,
     * 401 wrong credentials, 403, 404, 405, 501) will come again: retrying burns time and, for credentials,
     * may lock the BMC account.
     */
    public boolean transientFailure() {
        return switch (status) {
            case 0, 408, 409, 412, 428, 429 -> true;
            case 501 -> false;
            default -> status >= 500;
        };
    }
}
