package org.metalflow.lab;

import java.time.Clock;
import java.time.Duration;

/** Settings every BMC of the fleet shares, held once instead of per BMC. */
record BmcBehaviour(Clock clock, Duration powerTransitionDelay, int sessionLimit, Duration sessionIdleTimeout,
                    Duration volumeDelay, Duration firmwareUpdateDuration, long seed) {

    long nowMillis() {
        return clock.millis();
    }
}
