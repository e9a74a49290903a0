package org.metalflow.lab;

/**
 * A long-running operation of one BMC (volume change, firmware update). Its state follows from the
 * clock alone: Running until {@code endMillis}, then Completed, or Exception when it was doomed from
 * the start (an image the BMC does not recognise).
 */
record LabTask(String id, String name, long startMillis, long endMillis, boolean succeeds, String failure) {

    boolean done(long nowMillis) {
        return nowMillis >= endMillis;
    }

    String state(long nowMillis) {
        return !done(nowMillis) ? "Running" : succeeds ? "Completed" : "Exception";
    }

    String status(long nowMillis) {
        return !done(nowMillis) || succeeds ? "OK" : "Critical";
    }

    int percentComplete(long nowMillis) {
        if (done(nowMillis)) {
            return 100;
        }
        long duration = Math.max(1, endMillis - startMillis);
        return (int) Math.min(99, Math.max(0, (nowMillis - startMillis) * 100 / duration));
    }
}
