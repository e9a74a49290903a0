package org.metalflow.inventory;

import java.util.List;

/**
 * What an action would change on a machine, as far as the platform knows when the action is requested
 * (prepare: the firmware below its profile's baseline, by the inventory's facts). Implemented by the
 * capability that owns the knowledge; read by approval policies and shown to approvers.
 */
public interface ActionChanges {

    List<Change> changes(Machine machine, MachineAction action);

    /**
     * @param kind        what is changed, a word approval policies name ({@code firmware}, {@code bios},
     *                    {@code raid})
     * @param description one line for a person, e.g. {@code firmware BIOS: 1.2.0 -> 2.0.1 or newer}
     */
    record Change(String kind, String description) {
    }
}
