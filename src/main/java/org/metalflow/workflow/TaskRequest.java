package org.metalflow.workflow;

import java.util.Map;
import java.util.UUID;

/**
 * One fetched external task, without engine types.
 *
 * @param businessKey the machine id for lifecycle processes
 * @param variables   the process variables visible to the task (inputs mapped on the BPMN task included)
 * @param properties  the task's extension properties from the BPMN model
 */
public record TaskRequest(String taskId, String topic, String processInstanceId, String processDefinitionKey,
                          String activityId, String businessKey, Map<String, Object> variables,
                          Map<String, String> properties) {

    public UUID machineId() {
        return UUID.fromString(businessKey);
    }

    public String variable(String name) {
        Object value = variables.get(name);
        return value == null ? null : value.toString();
    }
}
