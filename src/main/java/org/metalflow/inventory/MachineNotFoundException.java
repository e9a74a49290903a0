package org.metalflow.inventory;

import java.util.UUID;
import org.metalflow.api.ProblemException;
import org.springframework.http.HttpStatus;

public class MachineNotFoundException extends ProblemException {

    public MachineNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, null, "no machine " + id);
    }
}
