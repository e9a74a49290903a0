package org.metalflow.workflow;

/**
 * An outcome the process handles with an error boundary event ({@code errorCode}), not a technical failure:
 * it is not retried. Example: the BMC rejects the credentials.
 */
public class BusinessFailure extends RuntimeException {

    private final String errorCode;

    public BusinessFailure(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
