package org.metalflow.api;

import org.springframework.http.HttpStatus;

/**
 * A refusal the API answers with an RFC 9457 problem: the status, what went wrong in words, and the request
 * field at fault when there is one. Capabilities extend it for their own refusals.
 */
public class ProblemException extends RuntimeException {

    /** Every problem type of the platform is this followed by a slug ({@code access-denied}, ...). */
    public static final String TYPE_BASE = "https://metalflow.org/problems/";

    private final HttpStatus status;
    private final String field;

    public ProblemException(HttpStatus status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    /** The offending request field in dotted form ({@code bmc.address}), or null. */
    public String field() {
        return field;
    }
}
