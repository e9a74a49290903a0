package org.metalflow.inventory;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an operator can ask of a machine. Each action is carried out by the lifecycle process of the same
 * name in processes/; the process itself performs the transitions.
 */
public enum MachineAction {
    ENROLL("enroll"),
    INSPECT("inspect"),
    PREPARE("prepare"),
    DEPLOY("deploy"),
    RELEASE("release");

    private final String value;

    MachineAction(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Key of the BPMN process that carries the action out. */
    public String processKey() {
        return value;
    }

    public static Optional<MachineAction> parse(String value) {
        return Arrays.stream(values()).filter(a -> a.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
