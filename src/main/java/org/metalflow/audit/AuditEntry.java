package org.metalflow.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One entry of the audit trail as the API returns it; {@code details} is the small JSON object recorded. */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String targetType, String targetId,
                         UUID machineId, JsonNode details, String processInstanceId, String requestId) {
}
