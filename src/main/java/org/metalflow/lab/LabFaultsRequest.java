package org.metalflow.lab;

import java.time.Instant;
import org.metalflow.api.InvalidFieldException;

/**
 * A fault set as the lab API takes it; every field may be left out (meaning no such fault).
 *
 * @param errorStatus     the status of injected errors, 400..599; 503 when left out
 * @param downForSeconds  the BMC refuses every request for this long from now
 */
public record LabFaultsRequest(Long latencyMs, Double errorRate, Integer errorStatus, Double dropConnectionRate,
                               Boolean sessionExhaustion, Long downForSeconds) {

    private static final long MAX_LATENCY_MS = 300_000;
    private static final long MAX_DOWN_SECONDS = 86_400;

    /** The faults to apply from {@code now}; refuses values out of range with the field named. */
    public LabFaults toFaults(Instant now) {
        long latency = latencyMs == null ? 0 : latencyMs;
        if (latency < 0 || latency > MAX_LATENCY_MS) {
            throw new InvalidFieldException("latencyMs", "must be between 0 and " + MAX_LATENCY_MS);
        }
        double errors = rate("errorRate", errorRate);
        double drops = rate("dropConnectionRate", dropConnectionRate);
        int status = errorStatus == null ? 503 : errorStatus;
        if (status < 400 || status > 599) {
            throw new InvalidFieldException("errorStatus", "must be an HTTP error status between 400 and 599");
        }
        long down = downForSeconds == null ? 0 : downForSeconds;
        if (down < 0 || down > MAX_DOWN_SECONDS) {
            throw new InvalidFieldException("downForSeconds", "must be between 0 and " + MAX_DOWN_SECONDS);
        }
        return new LabFaults(latency, errors, status, drops, Boolean.TRUE.equals(sessionExhaustion),
                down == 0 ? null : now.plusSeconds(down));
    }

    private static double rate(String field, Double value) {
        double rate = value == null ? 0 : value;
        if (!(rate >= 0 && rate <= 1)) { // also refuses NaN
            throw new InvalidFieldException(field, "must be between 0 and 1");
        }
        return rate;
    }
}
