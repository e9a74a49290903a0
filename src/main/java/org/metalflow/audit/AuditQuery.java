package org.metalflow.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.metalflow.api.InvalidFieldException;

/**
 * The filters of the audit trail, each optional: {@code action} matches as a prefix ({@code dns.} finds
 * {@code dns.upsert} and {@code dns.delete}); {@code actor} matches the actor and what processes did on the
 * actor's behalf ({@code admin via deploy}); {@code from} is inclusive, {@code to} exclusive.
 */
public record AuditQuery(UUID machineId, String actor, String actionPrefix, Instant from, Instant to,
                         String processInstanceId, String requestId) {

    private static final int MAX_TEXT = 255;

    /** Checks the raw query parameters; a bad one is a 400 naming it. */
    public static AuditQuery parse(String machineId, String actor, String action, String from, String to,
                                   String processInstanceId, String requestId) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidFieldException("to", "must be after from");
        }
        return new AuditQuery(uuid(machineId), text("actor", actor), text("action", action), start, end,
                text("processInstanceId", processInstanceId), text("requestId", requestId));
    }

    private static UUID uuid(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("machineId", "'" + value + "' is not a UUID");
        }
    }

    private static Instant instant(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "'" + value + "' is not an ISO-8601 instant such as "
                    + "2026-01-31T12:00:00Z");
        }
    }

    private static String text(String field, String value) {
        if (blank(value)) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidFieldException(field, "must be at most " + MAX_TEXT + " characters");
        }
        return value.trim();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
