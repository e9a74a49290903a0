package org.metalflow.inventory;

import java.util.UUID;
import org.metalflow.api.ProblemException;
import org.springframework.http.HttpStatus;

/** A state change the lifecycle table does not allow: answered with 409. */
public class IllegalTransitionException extends ProblemException {

    public IllegalTransitionException(UUID machineId, MachineState from, MachineState to) {
        this("machine " + machineId + " cannot go from " + from + " to " + to);
    }

    public IllegalTransitionException(String message) {
        super(HttpStatus.CONFLICT, null, message);
    }
}
