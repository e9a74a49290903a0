package org.metalflow.inventory;

import java.time.Instant;

/** One entry of a machine's history: who moved it from where to where, when and why. */
public record Transition(long id, MachineState from, MachineState to, String actor, String reason,
                         String processInstanceId, Instant at) {
}
