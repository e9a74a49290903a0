package org.metalflow.lab;

import java.util.HashMap;
import java.util.Map;

/** The images inserted into one BMC's virtual media slots. Not thread-safe: {@link SimulatedBmc} guards it. */
final class MediaState {

    /** A slot's media; {@code image} null when nothing is inserted. */
    record Slot(String image, boolean inserted, boolean writeProtected) {

        static final Slot EMPTY = new Slot(null, false, true);
    }

    private final Map<String, Slot> slots = new HashMap<>();

    Slot slot(String id) {
        return slots.getOrDefault(id, Slot.EMPTY);
    }

    void set(String id, Slot slot) {
        if (slot.equals(Slot.EMPTY)) {
            slots.remove(id);
        } else {
            slots.put(id, slot);
        }
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }
}
