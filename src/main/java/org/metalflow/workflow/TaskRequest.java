package org.metalflow.workflow;

import java.util.Map;
import java.util.UUID;
import org.metalflow.audit.AuditEvent;

/**
 * One fetched external task, without engine types.
 *
 * @param processInstanceId     the process the task belongs to (a called process, when it runs in a call activity)
 * @param rootProcessInstanceId the top-level process it runs for (the machine's lifecycle process); the same as
 *                              {@code processInstanceId} outside call activities
 * @param businessKey the machine id for lifecycle processes
 * @param variables   the process variables visible to the task (inputs mapped on the BPMN task included)
 * @param properties  the task's extension properties from the BPMN model
 */
public record TaskRequest(String taskId, String topic, String processInstanceId, String rootProcessInstanceId,
                          String processDefinitionKey, String activityId, String businessKey,
                          Map<String, Object> variables, Map<String, String> properties) {

    public TaskRequest {
        rootProcessInstanceId = rootProcessInstanceId == null ? processInstanceId : rootProcessInstanceId;
    }

    /**
     * An audit entry for a side effect of this task: on its machine, under its lifecycle process (so filtering by
     * that process finds what its call activities did too), naming the called process when there is one.
     */
    public AuditEvent sideEffect(String action) {
        AuditEvent event = AuditEvent.of(action).machine(machineId()).process(rootProcessInstanceId);
        return processInstanceId == null || processInstanceId.equals(rootProcessInstanceId) ? event
                : event.detail("calledProcessInstanceId", processInstanceId);
    }

    public UUID machineId() {
        return UUID.fromString(businessKey);
    }

    public String variable(String name) {
        Object value = variables.get(name);
        return value == null ? null : value.toString();
    }
}
