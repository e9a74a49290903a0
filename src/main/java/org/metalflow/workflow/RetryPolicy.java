package org.metalflow.workflow;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Retries of one BPMN service task, from its extension properties so process designers set them in the
 * Modeler: {@code retries} (how many times a failure is retried, 0 = incident at once) and
 * {@code retryBackoff} (ISO-8601 durations before each retry, comma-separated; the last one repeats),
 * e.g. {@code retries=5, retryBackoff=PT5S,PT30S,PT2M}.
 */
record RetryPolicy(int retries, List<Duration> backoff) {

    static final String RETRIES = "retries";
    static final String BACKOFF = "retryBackoff";

    static RetryPolicy from(Map<String, String> properties, int defaultRetries, Duration defaultBackoff) {
        int retries = defaultRetries;
        List<Duration> backoff = List.of(defaultBackoff);
        String r = properties.get(RETRIES);
        if (r != null) {
            try {
                retries = Integer.parseInt(r.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("extension property retries='" + r + "' is not a whole number");
            }
            if (retries < 0) {
                throw new IllegalArgumentException("extension property retries=" + retries + " must be 0 or more");
            }
        }
        String b = properties.get(BACKOFF);
        if (b != null && !b.isBlank()) {
            try {
                backoff = Arrays.stream(b.split(",")).map(String::trim).map(Duration::parse).toList();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("extension property retryBackoff='" + b
                        + "' is not a list of ISO-8601 durations such as PT5S,PT1M");
            }
        }
        return new RetryPolicy(retries, backoff);
    }

    /**
     * Retries left after this failure, given what the engine holds for the task (null before the first failure).
     */
    int remainingAfterFailure(Integer current) {
        return current == null ? retries : Math.max(0, current - 1);
    }

    /** Wait before the next attempt, when {@code remaining} retries are left after this failure. */
    Duration backoffBefore(int remaining) {
        int retryNumber = Math.max(0, retries - remaining);
        return backoff.get(Math.min(retryNumber, backoff.size() - 1));
    }
}
