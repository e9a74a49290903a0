package org.metalflow.network;

import org.metalflow.api.ProblemException;
import org.springframework.http.HttpStatus;

public class NetworkNotFoundException extends ProblemException {

    public NetworkNotFoundException(String name) {
        super(HttpStatus.NOT_FOUND, null, "no network " + name);
    }
}
