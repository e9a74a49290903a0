package org.metalflow.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;

/**
 * The engine's share of the platform's security, set before the engine starts: {@code admins} is an engine
 * admin group next to Camunda's own {@code camunda-admin} (both may do everything, in the webapps and the engine
 * REST API), and every deployment passes the {@link DeploymentGuard}.
 */
@Component
class EngineSecurityPlugin extends AbstractProcessEnginePlugin {

    static final String ADMINS = "admins";

    private final DeploymentGuard guard;

    EngineSecurityPlugin(DeploymentProperties properties, BeanFactory beans) {
        this.guard = new DeploymentGuard(new SafeDeploymentRules(
                new SafeExpressions(new HashSet<>(properties.allowedBeans()), beans::containsBean)));
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<String> adminGroups = configuration.getAdminGroups() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getAdminGroups());
        if (!adminGroups.contains(ADMINS)) {
            adminGroups.add(ADMINS);
        }
        configuration.setAdminGroups(adminGroups);
        List<Deployer> preDeployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        preDeployers.add(0, guard);
        configuration.setCustomPreDeployers(preDeployers);
    }
}
