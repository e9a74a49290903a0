package org.metalflow.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * Runs first for every deployment inside the engine, whatever the route (engine REST API, Camunda Modeler,
 * the webapps, Java): a new deployment by an authenticated user who is not an engine admin must pass
 * {@link SafeDeploymentRules}, or the deployment command fails with an {@link AuthorizationException} that
 * lists every reason (HTTP 403 on the engine REST API) and nothing is stored. Deployments without an
 * authenticated user (the platform's own at start) and the engine re-reading stored deployments into its
 * cache are not checked.
 */
final class DeploymentGuard implements Deployer {

    private final SafeDeploymentRules rules;

    DeploymentGuard(SafeDeploymentRules rules) {
        this.rules = rules;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        CommandContext command = Context.getCommandContext();
        Authentication user = command.getAuthentication();
        if (user == null || user.getUserId() == null || command.getAuthorizationManager().isCamundaAdmin(user)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (deployment.getResources() != null) {
            for (ResourceEntity resource : deployment.getResources().values()) {
                problems.addAll(rules.problems(resource.getName(), resource.getBytes()));
            }
        }
        if (!problems.isEmpty()) {
            throw new AuthorizationException(user.getUserId() + " may not deploy this: only admins may deploy code "
                    + "(scripts, Java classes, expressions beyond the allowed ones); refused because "
                    + String.join("; ", problems));
        }
    }
}
