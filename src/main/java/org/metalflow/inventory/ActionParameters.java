package org.metalflow.inventory;

import java.util.Map;

/**
 * Checks and stores the parameters of one action before its process starts, in the same transaction, so a
 * refused request starts nothing and leaves nothing behind. Implemented by the capability that owns them
 * (deploy: the boot package keeps network, OS and host name). Throws a
 * {@link org.metalflow.api.ProblemException} naming the field for bad input.
 */
public interface ActionParameters {

    MachineAction action();

    void accept(Machine machine, Map<String, Object> parameters, String actor);
}
