package org.metalflow.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The secure erases of one BMC's drives, each running until its task ends. Not thread-safe:
 * {@link SimulatedBmc} guards it.
 */
final class EraseState {

    private record Erase(String driveId, long endMillis) {
    }

    private final List<Erase> erases = new ArrayList<>();

    boolean running(String driveId, long nowMillis) {
        return erases.stream().anyMatch(e -> e.driveId().equals(driveId) && e.endMillis() > nowMillis);
    }

    void start(String driveId, long endMillis) {
        erases.add(new Erase(driveId, endMillis));
    }

    /** Completed erases per drive id, only drives erased at least once. */
    Map<String, Integer> completed(long nowMillis) {
        Map<String, Integer> counts = new TreeMap<>();
        erases.stream().filter(e -> e.endMillis() <= nowMillis).forEach(e -> counts.merge(e.driveId(), 1, Integer::sum));
        return counts;
    }
}
