package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns task monitors into {@link TaskStatus}es: the 202 that starts a long operation (Location, Retry-After),
 * and each later poll. A monitor answering 202 is still running; 200, 201 or 204 means done, with a Task body
 * or the operation's own result. A monitor that vanished (404) is looked up in the TaskService.
 */
final class TaskMonitor {

    static final Duration DEFAULT_RETRY = Duration.ofSeconds(5);

    private final RedfishTransport transport;
    private final BmcEndpoint bmc;
    private final ResourceReader reader;

    TaskMonitor(RedfishTransport transport, BmcEndpoint bmc) {
        this.transport = transport;
        this.bmc = bmc;
        this.reader = new ResourceReader(transport, bmc);
    }

    /** The task a 202 started; {@code fallbackUri} when the BMC sent no Location and no Task body. */
    static TaskStatus started(RedfishResponse response, String fallbackUri) {
        String uri = response.headers().get("Location");
        if (uri == null || uri.isBlank()) {
            uri = Json.text(response.body(), "TaskState") != null ? Json.text(response.body(), "@odata.id") : null;
        }
        TaskStatus status = fromBody(uri == null ? fallbackUri : uri, response.body(), retryAfter(response));
        return status != null ? status : new TaskStatus(uri == null ? fallbackUri : uri, "New", null, null,
                List.of(), retryAfter(response));
    }

    TaskStatus poll(String uri) {
        RedfishResponse response;
        try {
            response = transport.get(bmc, uri);
        } catch (RedfishException e) {
            if (e.status() != 404) {
                throw e;
            }
            return fromTaskService(uri, e);
        }
        TaskStatus quirk = VendorQuirksResolver.resolve(reader.serviceRoot(), null)
                .updateProgress(uri, response.body());
        if (quirk != null) {
            return quirk;
        }
        TaskStatus status = fromBody(uri, response.body(), retryAfter(response));
        if (response.status() == 202) {
            return status != null && !status.done() ? status
                    : new TaskStatus(uri, "Running", null, null, List.of(), retryAfter(response));
        }
        // Done: the body is the Task, or whatever the operation returns (a created resource, nothing).
        return status != null ? status : new TaskStatus(uri, "Completed", "OK", 100, List.of(), retryAfter(response));
    }

    private TaskStatus fromTaskService(String monitor, RedfishException vanished) {
        String tasks = Json.link(reader.optional(Json.link(reader.serviceRoot(), "Tasks")), "Tasks");
        String lastSegment = lastSegment(monitor);
        for (JsonNode task : reader.members(tasks)) {
            String taskMonitor = Json.text(task, "TaskMonitor");
            if ((taskMonitor != null && trim(taskMonitor).equalsIgnoreCase(trim(monitor)))
                    || lastSegment.equals(Json.text(task, "Id"))) {
                String taskUri = Json.text(task, "@odata.id");
                return fromBody(taskUri == null ? monitor : taskUri, task, DEFAULT_RETRY);
            }
        }
        throw new RedfishException(vanished.getMessage() + "; no Task in the TaskService matches it", 404, vanished);
    }

    /** From a Task ({@code TaskState}) or a job ({@code JobState}, iDRAC); null when the body is neither. */
    private static TaskStatus fromBody(String uri, JsonNode body, Duration retryAfter) {
        String taskState = Json.text(body, "TaskState");
        if (taskState != null) {
            return new TaskStatus(uri, taskState, Json.text(body, "TaskStatus"), Json.integer(body, "PercentComplete"),
                    messages(body), retryAfter);
        }
        String jobState = Json.text(body, "JobState");
        if (jobState == null) {
            return null;
        }
        String state = switch (jobState.toLowerCase(Locale.ROOT)) {
            case "completed" -> "Completed";
            case "completedwitherrors", "failed" -> "Exception";
            case "cancelled" -> "Cancelled";
            default -> "Running";
        };
        List<String> messages = messages(body);
        String message = Json.text(body, "Message");
        if (message != null) {
            messages.add(message);
        }
        return new TaskStatus(uri, state, "Completed".equals(state) ? "OK" : null,
                Json.integer(body, "PercentComplete"), messages, retryAfter);
    }

    private static List<String> messages(JsonNode body) {
        List<String> messages = new ArrayList<>();
        JsonNode list = Json.at(body, "Messages");
        if (list != null && list.isArray()) {
            for (JsonNode message : list) {
                String text = Json.text(message, "Message");
                if (text != null) {
                    messages.add(text);
                }
            }
        }
        return messages;
    }

    /** Retry-After in seconds or as an HTTP date (RFC 9110); the default when absent or unreadable. */
    static Duration retryAfter(RedfishResponse response) {
        String value = response.headers().get("Retry-After");
        if (value == null || value.isBlank()) {
            return DEFAULT_RETRY;
        }
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(trimmed));
            } catch (NumberFormatException e) {
                return DEFAULT_RETRY;
            }
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(Instant.now(), at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return DEFAULT_RETRY;
        }
    }

    private static String lastSegment(String uri) {
        String trimmed = trim(uri);
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static String trim(String uri) {
        String trimmed = uri;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
