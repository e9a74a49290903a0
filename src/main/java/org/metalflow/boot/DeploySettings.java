package org.metalflow.boot;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Settings the deploy process reads in expressions, e.g. its install timer
 * {@code ${deploySettings.installTimeout()}} ({@code metalflow.deploy.install-timeout}, default 60 minutes) and
 * the pause between looks for the first configuration-management run {@code ${deploySettings.runCheckInterval()}}
 * ({@code metalflow.deploy.run-check-interval}, default 30 seconds).
 */
@Component("deploySettings")
public class DeploySettings {

    private final Duration installTimeout;
    private final Duration runCheckInterval;

    DeploySettings(@Value("${metalflow.deploy.install-timeout:PT60M}") Duration installTimeout,
                   @Value("${metalflow.deploy.run-check-interval:PT30S}") Duration runCheckInterval) {
        this.installTimeout = installTimeout;
        this.runCheckInterval = runCheckInterval;
    }

    /** How long the deploy waits between two looks for the first configuration-management run. */
    public String runCheckInterval() {
        return runCheckInterval.toString();
    }

    public String installTimeout() {
        return installTimeout.toString();
    }
}
