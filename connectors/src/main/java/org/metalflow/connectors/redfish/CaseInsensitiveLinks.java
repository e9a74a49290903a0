package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.function.Function;

/**
 * Finds the spelling a BMC serves a URI under when the URI as written answered 404: the parent resource (or
 * collection) is read and the link to it that matches ignoring case and a trailing slash is used. iLO links
 * {@code /redfish/v1/systems/1/bios} and {@code /redfish/v1/Systems/1/...} alike; a case-sensitive proxy in
 * front of it serves only one. A parent that is itself missing is resolved the same way, up to the root.
 */
final class CaseInsensitiveLinks {

    private static final String ROOT = RedfishTransport.SERVICE_ROOT;

    /** Reads a resource; null when it answers 404. */
    private final Function<String, JsonNode> reader;

    CaseInsensitiveLinks(Function<String, JsonNode> reader) {
        this.reader = reader;
    }

    /** The URI the BMC links for the path under another spelling, or null when there is none. */
    String resolve(String path) {
        if (path == null || path.contains("?") || path.contains("#")) {
            return null;
        }
        String trimmed = trim(path);
        if (trimmed.length() <= ROOT.length()
                || !trimmed.toLowerCase(Locale.ROOT).startsWith(ROOT.toLowerCase(Locale.ROOT))) {
            return null;
        }
        String parent = trimmed.substring(0, trimmed.lastIndexOf('/'));
        JsonNode body = reader.apply(parent);
        if (body == null) {
            String parentSpelled = resolve(parent);
            body = parentSpelled == null ? null : reader.apply(parentSpelled);
        }
        String match = find(body, trimmed);
        return match == null || match.equals(path) ? null : match;
    }

    private static String find(JsonNode node, String wanted) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            JsonNode id = node.get("@odata.id");
            if (id != null && id.isTextual() && trim(id.asText()).equalsIgnoreCase(wanted)) {
                return id.asText();
            }
        }
        for (JsonNode child : node) {
            String found = find(child, wanted);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String trim(String path) {
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
