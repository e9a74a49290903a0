package org.metalflow.inventory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Where a machine is in its lifecycle. Which state may follow which is {@link Lifecycle}'s business. */
public enum MachineState {
    DISCOVERED("discovered"),
    ENROLLING("enrolling"),
    ENROLL_FAILED("enroll-failed"),
    ENROLLED("enrolled"),
    INSPECTING("inspecting"),
    INSPECT_FAILED("inspect-failed"),
    MANAGEABLE("manageable"),
    PREPARING("preparing"),
    PREPARE_FAILED("prepare-failed"),
    AVAILABLE("available"),
    DEPLOYING("deploying"),
    DEPLOY_FAILED("deploy-failed"),
    ACTIVE("active"),
    RELEASING("releasing"),
    RELEASE_FAILED("release-failed"),
    RETIRED("retired");

    private final String value;

    MachineState(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** True for the states in which a process is working on the machine (enrolling, inspecting, ...). */
    public boolean transitional() {
        return value.endsWith("ing");
    }

    /** The state a working state falls into when its process fails: enrolling -> enroll-failed. */
    public Optional<MachineState> failedTwin() {
        return switch (this) {
            case ENROLLING -> Optional.of(ENROLL_FAILED);
            case INSPECTING -> Optional.of(INSPECT_FAILED);
            case PREPARING -> Optional.of(PREPARE_FAILED);
            case DEPLOYING -> Optional.of(DEPLOY_FAILED);
            case RELEASING -> Optional.of(RELEASE_FAILED);
            default -> Optional.empty();
        };
    }

    public static Optional<MachineState> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    @JsonCreator
    static MachineState fromJson(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown machine state " + value));
    }

    @Override
    public String toString() {
        return value;
    }
}
