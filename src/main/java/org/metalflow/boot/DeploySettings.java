package org.metalflow.boot;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Settings the deploy process reads in expressions, e.g. its install timer
 * {@code ${deploySettings.installTimeout()}} ({@code metalflow.deploy.install-timeout}, default 60 minutes).
 */
@Component("deploySettings")
public class DeploySettings {

    private final Duration installTimeout;

    DeploySettings(@Value("${metalflow.deploy.install-timeout:PT60M}") Duration installTimeout) {
        this.installTimeout = installTimeout;
    }

    public String installTimeout() {
        return installTimeout.toString();
    }
}
