package org.metalflow.lab;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code metalflow.lab.installer.*}: how the lab's simulated machines behave when they network-boot.
 *
 * @param duration how long the simulated install takes before it calls back
 * @param outcome  what the installer reports: {@code installed}, or {@code failed} to rehearse failures
 */
@ConfigurationProperties("metalflow.lab.installer")
public record LabInstallerProperties(@DefaultValue("PT2S") Duration duration,
                                     @DefaultValue("installed") String outcome) {
}
