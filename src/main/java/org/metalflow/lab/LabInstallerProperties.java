package org.metalflow.lab;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code metalflow.lab.installer.*}: how the lab's simulated machines behave when they network-boot.
 *
 * @param duration how long the simulated install takes before it calls back
 * @param outcome  what the installer reports: {@code installed}, {@code failed} to rehearse failures, or
 *                 {@code silent} to rehearse an installer that hangs (it never calls back)
 * @param outcomes the same per lab BMC id, e.g. {@code metalflow.lab.installer.outcomes.lab-0037=failed}
 */
@ConfigurationProperties("metalflow.lab.installer")
public record LabInstallerProperties(@DefaultValue("PT2S") Duration duration,
                                     @DefaultValue("installed") String outcome,
                                     Map<String, String> outcomes) {

    private static final Set<String> OUTCOMES = Set.of("installed", "failed", "silent");

    public LabInstallerProperties {
        outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
        for (String value : concat(outcome, outcomes.values())) {
            if (!OUTCOMES.contains(value)) {
                throw new IllegalArgumentException("metalflow.lab.installer outcome '" + value + "' is not one of "
                        + OUTCOMES);
            }
        }
    }

    /** What the installer of this lab machine reports. */
    public String outcomeOf(String bmcId) {
        return outcomes.getOrDefault(bmcId, outcome);
    }

    private static java.util.List<String> concat(String first, java.util.Collection<String> rest) {
        java.util.List<String> all = new java.util.ArrayList<>(rest);
        all.add(first);
        return all;
    }
}
