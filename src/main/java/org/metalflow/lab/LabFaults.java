package org.metalflow.lab;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * Faults injected into one BMC. Each request first waits {@code latencyMs}; then, by chance, its
 * connection is closed without an answer ({@code dropConnectionRate}) or it is answered with
 * {@code errorStatus} ({@code errorRate}). Until {@code downUntil} every connection is closed at once,
 * as a client sees a BMC that is rebooting or cut off. {@code sessionExhaustion} answers every login
 * with iDRAC's 503 "session limit exceeded".
 */
public record LabFaults(long latencyMs, double errorRate, int errorStatus, double dropConnectionRate,
                        boolean sessionExhaustion, Instant downUntil) {

    public static final LabFaults NONE = new LabFaults(0, 0, 503, 0, false, null);

    @JsonIgnore
    public boolean isNone() {
        return latencyMs == 0 && errorRate == 0 && dropConnectionRate == 0 && !sessionExhaustion && downUntil == null;
    }

    boolean isDown(long nowMillis) {
        return downUntil != null && nowMillis < downUntil.toEpochMilli();
    }
}
