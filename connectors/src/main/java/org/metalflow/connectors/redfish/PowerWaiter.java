package org.metalflow.connectors.redfish;

import java.time.Duration;

/** Polls a system's PowerState until it reaches a target or a deadline passes. */
final class PowerWaiter {

    private static final long POLL_MILLIS = 500;

    private final ResourceReader reader;

    PowerWaiter(ResourceReader reader) {
        this.reader = reader;
    }

    String await(String systemUri, String target, Duration timeout) {
        long deadline = System.nanoTime() + (timeout == null ? 0 : Math.max(0, timeout.toNanos()));
        String state = Json.text(reader.get(systemUri), "PowerState");
        while (!target.equalsIgnoreCase(String.valueOf(state))) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return state;
            }
            try {
                Thread.sleep(Math.min(POLL_MILLIS, leftMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state;
            }
            state = Json.text(reader.get(systemUri), "PowerState");
        }
        return state;
    }
}
