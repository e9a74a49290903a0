package org.metalflow.connectors.chef;

/**
 * A Chef server refused a request or could not be reached. The message names the server, the client the
 * request was signed as, the request and the answer; never a private key.
 */
public class ChefException extends RuntimeException {

    private final boolean transientFailure;

    public ChefException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public ChefException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }

    /** True when the same call may succeed later (no answer, timeout, 5xx, 429); false for 4xx refusals and bad input. */
    public boolean transientFailure() {
        return transientFailure;
    }
}
