package org.metalflow.lab;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The tasks of one BMC, newest last; the oldest are forgotten past a bound, as BMCs do. */
final class TaskLog {

    private static final int KEPT = 32;

    private final Deque<LabTask> tasks = new ArrayDeque<>();
    private long sequence;

    long nextSequence() {
        return ++sequence;
    }

    void add(LabTask task) {
        tasks.addLast(task);
        while (tasks.size() > KEPT) {
            tasks.removeFirst();
        }
    }

    Optional<LabTask> byId(String id) {
        return tasks.stream().filter(task -> task.id().equalsIgnoreCase(id)).findFirst();
    }

    List<LabTask> all() {
        return List.copyOf(tasks);
    }
}
