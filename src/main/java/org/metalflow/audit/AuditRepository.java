package org.metalflow.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.metalflow.api.PageRequestParams;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code audit_event}: inserts and filtered reads only, there is deliberately no update or delete. */
@Repository
class AuditRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AuditRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Instant at, String actor, AuditEvent event, String detailsJson, String requestId) {
        jdbc.sql("""
                insert into audit_event (occurred_at, actor, action, target_type, target_id, machine_id, details,
                    process_instance_id, request_id)
                values (:at, :actor, :action, :targetType, :targetId, :machineId, :details, :pid, :rid)""")
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("actor", actor)
                .param("action", event.action()).param("targetType", event.targetType())
                .param("targetId", event.targetId()).param("machineId", event.machineId())
                .param("details", detailsJson).param("pid", event.processInstanceId()).param("rid", requestId)
                .update();
    }

    List<AuditEntry> page(AuditQuery query, PageRequestParams page) {
        Where where = where(query);
        return jdbc.sql("select * from audit_event" + where.sql + " order by occurred_at desc, id desc"
                        + " limit :limit offset :offset")
                .params(where.params).param("limit", page.size()).param("offset", page.offset())
                .query((rs, n) -> entry(rs)).list();
    }

    long count(AuditQuery query) {
        Where where = where(query);
        return jdbc.sql("select count(*) from audit_event" + where.sql).params(where.params).query(Long.class).single();
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    private static Where where(AuditQuery q) {
        List<String> terms = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (q.machineId() != null) {
            terms.add("machine_id = :machineId");
            params.put("machineId", q.machineId());
        }
        if (q.actor() != null) {
            terms.add("(actor = :actor or actor like :actorVia escape '\\')");
            params.put("actor", q.actor());
            params.put("actorVia", likeLiteral(q.actor()) + " via %");
        }
        if (q.actionPrefix() != null) {
            terms.add("action like :action escape '\\'");
            params.put("action", likeLiteral(q.actionPrefix()) + "%");
        }
        if (q.from() != null) {
            terms.add("occurred_at >= :from");
            params.put("from", OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            terms.add("occurred_at < :to");
            params.put("to", OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        if (q.processInstanceId() != null) {
            terms.add("process_instance_id = :pid");
            params.put("pid", q.processInstanceId());
        }
        if (q.requestId() != null) {
            terms.add("request_id = :rid");
            params.put("rid", q.requestId());
        }
        return new Where(terms.isEmpty() ? "" : " where " + String.join(" and ", terms), params);
    }

    private static String likeLiteral(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                rs.getObject("machine_id", UUID.class), details(rs.getString("details")),
                rs.getString("process_instance_id"), rs.getString("request_id"));
    }

    private JsonNode details(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            // written by AuditLog as JSON; a row edited by hand is shown as the text it holds
            return json.getNodeFactory().textNode(text);
        }
    }
}
