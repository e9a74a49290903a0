package org.metalflow.records;

import java.util.Map;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.inventory.ActionParameters;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineAction;
import org.springframework.stereotype.Component;

/** The parameter of {@code release}: {@code retire} (true: the machine ends {@code retired}, not {@code available}). */
@Component
class ReleaseParameters implements ActionParameters {

    @Override
    public MachineAction action() {
        return MachineAction.RELEASE;
    }

    @Override
    public Map<String, Object> accept(Machine machine, Map<String, Object> parameters, String actor) {
        for (String key : parameters.keySet()) {
            if (!"retire".equals(key)) {
                throw new InvalidFieldException(key, "is not a release parameter; use retire");
            }
        }
        Object retire = parameters.getOrDefault("retire", false);
        if (!(retire instanceof Boolean)) {
            throw new InvalidFieldException("retire", "must be true or false");
        }
        return Map.of("retire", retire);
    }
}
