package org.metalflow.api;

import org.springframework.http.HttpStatus;

/** Bad input in one named field of a request: answered with 400 and a problem body naming the field. */
public class InvalidFieldException extends ProblemException {

    public InvalidFieldException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, field, field + " " + message);
    }
}
