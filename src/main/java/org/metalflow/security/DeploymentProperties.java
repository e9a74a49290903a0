package org.metalflow.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What BPMN deployed by a non-admin may use (see {@link SafeDeploymentRules}).
 *
 * @param allowedBeans the platform beans such BPMN may name: as a {@code delegateExpression} ({@code ${bean}})
 *                     and as the target of method calls in expressions
 */
@ConfigurationProperties("metalflow.security.deployments")
public record DeploymentProperties(
        @DefaultValue({"machineTransition", "installReport", "fourEyes", "deploySettings", "approvalDefaults",
                "approvalRejection", "approvalReminder", "approvalEscalation"}) List<String> allowedBeans) {
}
