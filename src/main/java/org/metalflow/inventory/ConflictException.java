package org.metalflow.inventory;

import org.metalflow.api.ProblemException;
import org.springframework.http.HttpStatus;

/** A request that collides with what exists (a name or BMC registered already): answered with 409. */
public class ConflictException extends ProblemException {

    public ConflictException(String field, String message) {
        super(HttpStatus.CONFLICT, field, message);
    }
}
