package org.metalflow.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.metalflow.inventory.LifecycleProcesses;
import org.metalflow.inventory.MachineAction;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Lifecycle processes on Camunda: the business key is the machine id, the only variables are the machine id
 * and who asked. Everything else the process needs it reads from the platform by machine id, so no fact and
 * no secret is copied into the engine's tables.
 */
@Component
class CamundaLifecycleProcesses implements LifecycleProcesses {

    static final String MACHINE_ID = "machineId";
    static final String REQUESTED_BY = "requestedBy";

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;
    private final CommandExecutor commands;
    private final Map<String, String> processKeys = new ConcurrentHashMap<>();

    CamundaLifecycleProcesses(RuntimeService runtime, RepositoryService repository, IdentityService identity,
                              ApplicationEventPublisher events, ProcessEngineConfigurationImpl engine) {
        this.runtime = runtime;
        this.repository = repository;
        this.identity = identity;
        this.events = events;
        this.commands = engine.getCommandExecutorTxRequired();
    }

    @Override
    public String start(UUID machineId, MachineAction action, String actor, Map<String, Object> variables) {
        // recorded by the engine as the start user of the instance (history), for audit and four-eyes checks
        identity.setAuthenticatedUserId(actor);
        try {
            // the platform API has decided who may act; the engine's authorizations guard its own routes (engine
            // REST, webapps), so the start runs without its checks while still recording the start user
            ProcessInstance instance = commands.execute(context -> context.runWithoutAuthorization(() ->
                    runtime.createProcessInstanceByKey(action.processKey())
                            .businessKey(machineId.toString())
                            .setVariable(MACHINE_ID, machineId.toString())
                            .setVariable(REQUESTED_BY, actor)
                            .setVariables(variables)
                            .execute()));
            events.publishEvent(new ProcessStarted(instance.getId()));
            return instance.getId();
        } finally {
            identity.clearAuthentication();
        }
    }

    @Override
    public boolean isRunning(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    }

    @Override
    public Optional<ProcessStatus> status(String processInstanceId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        List<String> activities = new ArrayList<>();
        List<String> incidents = new ArrayList<>();
        collect(instance.getId(), activities, incidents);
        return Optional.of(new ProcessStatus(instance.getId(), processKey(instance.getProcessDefinitionId()),
                activities, incidents));
    }

    /** Walks the instance and the instances it called, so an operator sees the innermost step. */
    private void collect(String processInstanceId, List<String> activities, List<String> incidents) {
        ActivityInstance tree = runtime.getActivityInstance(processInstanceId);
        if (tree != null) {
            leaves(tree, activities);
        }
        runtime.createIncidentQuery().processInstanceId(processInstanceId).list().stream()
                .map(Incident::getIncidentMessage).forEach(incidents::add);
        for (ProcessInstance child : runtime.createProcessInstanceQuery().superProcessInstanceId(processInstanceId)
                .list()) {
            collect(child.getId(), activities, incidents);
        }
    }

    private static void leaves(ActivityInstance node, List<String> out) {
        if (node.getChildActivityInstances().length == 0) {
            if (!"processDefinition".equals(node.getActivityType())) {
                out.add(node.getActivityName() != null ? node.getActivityName() : node.getActivityId());
            }
            return;
        }
        for (ActivityInstance child : node.getChildActivityInstances()) {
            leaves(child, out);
        }
    }

    private String processKey(String definitionId) {
        return processKeys.computeIfAbsent(definitionId, id -> repository.getProcessDefinition(id).getKey());
    }
}
