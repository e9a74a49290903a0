package org.metalflow.inventory;

import org.metalflow.api.ProblemException;
import org.springframework.http.HttpStatus;

/** The machine already runs a lifecycle process, or is in maintenance: answered with 409. */
public class MachineBusyException extends ProblemException {

    public MachineBusyException(String message) {
        super(HttpStatus.CONFLICT, null, message);
    }
}
