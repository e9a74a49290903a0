package org.metalflow.network;

import org.metalflow.api.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A request that collides with what the network holds (allocations, a taken name, an address in use) or a
 * network with no free address left: answered with 409.
 */
public class NetworkConflictException extends ProblemException {

    public NetworkConflictException(String field, String message) {
        super(HttpStatus.CONFLICT, field, message);
    }
}
