package org.metalflow.inventory;

import java.util.Map;

/**
 * Checks and stores the parameters of one action before its process starts, in the same transaction, so a
 * refused request starts nothing and leaves nothing behind. Implemented by the capability that owns them
 * (deploy: the boot package keeps network, OS, host name and roles). Throws a
 * {@link org.metalflow.api.ProblemException} naming the field for bad input.
 */
public interface ActionParameters {

    MachineAction action();

    /**
     * Returns plain, non-secret values the process branches on (e.g. release: {@code retire}), set as process
     * variables at its start; usually none, since processes read what they need by machine id.
     */
    Map<String, Object> accept(Machine machine, Map<String, Object> parameters, String actor);
}
