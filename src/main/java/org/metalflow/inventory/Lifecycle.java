package org.metalflow.inventory;

import static org.metalflow.inventory.MachineState.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The machine state machine, declared as data: which state may follow which, where a new machine starts,
 * and which state each action moves a machine into. Every state change goes through {@link #allows}.
 */
public final class Lifecycle {

    private static final Map<MachineState, Set<MachineState>> NEXT = new EnumMap<>(MachineState.class);
    private static final Set<MachineState> INITIAL = EnumSet.of(DISCOVERED, ENROLLING);
    private static final Map<MachineAction, MachineState> ACTION_TARGET = new EnumMap<>(Map.of(
            MachineAction.ENROLL, ENROLLING,
            MachineAction.INSPECT, INSPECTING,
            MachineAction.PREPARE, PREPARING,
            MachineAction.DEPLOY, DEPLOYING,
            MachineAction.RELEASE, RELEASING));

    static {
        allow(DISCOVERED, ENROLLING);
        allow(ENROLLING, ENROLLED, ENROLL_FAILED);
        allow(ENROLL_FAILED, ENROLLING);
        allow(ENROLLED, INSPECTING);
        allow(INSPECTING, MANAGEABLE, INSPECT_FAILED);
        allow(INSPECT_FAILED, INSPECTING);
        allow(MANAGEABLE, INSPECTING, PREPARING, RETIRED);
        allow(PREPARING, AVAILABLE, PREPARE_FAILED);
        allow(PREPARE_FAILED, PREPARING, INSPECTING);
        allow(AVAILABLE, INSPECTING, PREPARING, DEPLOYING, RETIRED);
        allow(DEPLOYING, ACTIVE, DEPLOY_FAILED);
        allow(DEPLOY_FAILED, DEPLOYING, RELEASING);
        allow(ACTIVE, RELEASING);
        allow(RELEASING, AVAILABLE, RETIRED, RELEASE_FAILED);
        allow(RELEASE_FAILED, RELEASING);
        allow(RETIRED);
    }

    private Lifecycle() {
    }

    private static void allow(MachineState from, MachineState... to) {
        NEXT.put(from, to.length == 0 ? EnumSet.noneOf(MachineState.class) : EnumSet.copyOf(List.of(to)));
    }

    /** Whether a machine in {@code from} may move to {@code to}; {@code from == null} means a new machine. */
    public static boolean allows(MachineState from, MachineState to) {
        return from == null ? INITIAL.contains(to) : NEXT.get(from).contains(to);
    }

    /** The state an action moves a machine into when its process starts. */
    public static MachineState targetOf(MachineAction action) {
        return ACTION_TARGET.get(action);
    }

    public static boolean allows(MachineState from, MachineAction action) {
        return allows(from, targetOf(action));
    }

    /** The whole table, for the API and the docs. */
    public static Map<MachineState, Set<MachineState>> table() {
        return Collections.unmodifiableMap(NEXT);
    }

    public static Set<MachineState> initialStates() {
        return Collections.unmodifiableSet(INITIAL);
    }

    public static Map<MachineAction, MachineState> actions() {
        return Collections.unmodifiableMap(ACTION_TARGET);
    }
}
