package org.metalflow.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.metalflow.api.PageRequestParams;
import org.metalflow.api.PageResponse;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only audit trail: who did what, when, to which machine, under which process and API request.
 * {@link #record} joins the caller's transaction when there is one, so a state change and its entry commit or
 * roll back together; outside a transaction (a connector side effect, after it happened) it writes at once.
 */
@Service
public class AuditLog {

    /** The actor of what no user or worker asked for. */
    public static final String SYSTEM = "system";
    /** The actor of unauthenticated calls a booting machine or installer makes. */
    public static final String MACHINE = "machine";

    static final int MAX_DETAILS = 12;
    static final int MAX_VALUE = 300;
    static final int MAX_KEY = 64;
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|credential|authorization|private|apikey|api-key|api_key).*");

    private final AuditRepository repository;
    private final ObjectMapper json;
    private final Clock clock;

    AuditLog(AuditRepository repository, ObjectMapper json, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public void record(AuditEvent event) {
        Optional<AuditContext> context = AuditContext.current();
        String actor = event.actor() != null ? event.actor()
                : context.map(AuditContext::actor).orElse(SYSTEM);
        String requestId = event.requestId() != null ? event.requestId()
                : context.map(AuditContext::requestId).orElse(null);
        if (event.machineId() != null) {
            context.ifPresent(c -> c.touched(event.machineId()));
        }
        AuditEvent target = event.targetType() == null && event.machineId() != null
                ? event.on("machine", event.machineId()) : event;
        repository.insert(clock.instant(), bounded(actor, 255), target, details(event.details()),
                requestId == null ? null : bounded(requestId, 128));
    }

    @Transactional(readOnly = true)
    public PageResponse<AuditEntry> find(AuditQuery query, PageRequestParams page) {
        return new PageResponse<>(repository.page(query, page), page.page(), page.size(), repository.count(query));
    }

    /**
     * The details as a JSON object: values under secret-sounding keys are dropped whatever the caller meant, the
     * number of facts and each value's length are bounded, so an entry stays small and never carries a secret.
     */
    private String details(Map<String, Object> details) {
        if (details.isEmpty()) {
            return null;
        }
        Map<String, Object> safe = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : details.entrySet()) {
            if (safe.size() == MAX_DETAILS) {
                safe.put("truncated", true);
                break;
            }
            String key = bounded(e.getKey(), MAX_KEY);
            if (SECRET_KEY.matcher(key).matches()) {
                continue;
            }
            Object value = e.getValue();
            safe.put(key, value instanceof String text ? bounded(text, MAX_VALUE) : value);
        }
        try {
            return json.writeValueAsString(safe);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are not JSON-serialisable: " + safe.keySet(), e);
        }
    }

    private static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
