package org.metalflow.lab;

import java.util.SplittableRandom;

/** The faults of one BMC and the dice it rolls for them; exists only while the BMC has faults. */
final class FaultState {

    /** What to do with one request: wait, then answer normally, close the connection or fail it. */
    record Decision(long latencyMs, boolean drop, int errorStatus) {

        static final Decision PROCEED = new Decision(0, false, 0);
    }

    private final LabFaults faults;
    private final SplittableRandom random;

    FaultState(LabFaults faults, long seed) {
        this.faults = faults;
        this.random = new SplittableRandom(seed);
    }

    LabFaults faults() {
        return faults;
    }

    /** Not thread-safe: {@link SimulatedBmc} guards it. */
    Decision decide(long nowMillis) {
        if (faults.isDown(nowMillis)) {
            return new Decision(0, true, 0);
        }
        if (faults.dropConnectionRate() > 0 && random.nextDouble() < faults.dropConnectionRate()) {
            return new Decision(faults.latencyMs(), true, 0);
        }
        if (faults.errorRate() > 0 && random.nextDouble() < faults.errorRate()) {
            return new Decision(faults.latencyMs(), false, faults.errorStatus());
        }
        return faults.latencyMs() == 0 ? Decision.PROCEED : new Decision(faults.latencyMs(), false, 0);
    }
}
