package org.metalflow.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One thing to put on the audit trail, built as {@code AuditEvent.of("dns.upsert").on("dns-record", name)
 * .machine(id).process(pid).detail("address", ip)}. Left out, the actor and the request id come from the
 * {@link AuditContext} of the thread (the API request or the task worker), the actor falling back to
 * {@code system}. Details are small facts, never secrets: {@link AuditLog} drops values under secret-sounding keys
 * and bounds the rest.
 */
public record AuditEvent(String action, String actor, String targetType, String targetId, UUID machineId,
                         String processInstanceId, String requestId, Map<String, Object> details) {

    public AuditEvent {
        if (action == null || !action.matches("[a-z][a-z0-9-]*(\\.[A-Za-z0-9-]+)+") || action.length() > 64) {
            throw new IllegalArgumentException("audit action '" + action + "' is not a dotted name such as dns.upsert");
        }
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static AuditEvent of(String action) {
        return new AuditEvent(action, null, null, null, null, null, null, Map.of());
    }

    public AuditEvent by(String newActor) {
        return new AuditEvent(action, newActor, targetType, targetId, machineId, processInstanceId, requestId, details);
    }

    public AuditEvent on(String newTargetType, Object newTargetId) {
        return new AuditEvent(action, actor, newTargetType, newTargetId == null ? null : newTargetId.toString(),
                machineId, processInstanceId, requestId, details);
    }

    /** The machine the event concerns; a machine event without another target targets the machine itself. */
    public AuditEvent machine(UUID newMachineId) {
        return new AuditEvent(action, actor, targetType, targetId, newMachineId, processInstanceId, requestId, details);
    }

    public AuditEvent process(String newProcessInstanceId) {
        return new AuditEvent(action, actor, targetType, targetId, machineId, newProcessInstanceId, requestId, details);
    }

    public AuditEvent request(String newRequestId) {
        return new AuditEvent(action, actor, targetType, targetId, machineId, processInstanceId, newRequestId, details);
    }

    /** Adds one fact; a null value is left out. */
    public AuditEvent detail(String key, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(key, value instanceof Number || value instanceof Boolean ? value : value.toString());
        return new AuditEvent(action, actor, targetType, targetId, machineId, processInstanceId, requestId, more);
    }
}
