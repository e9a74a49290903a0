package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** Reading Redfish JSON: absent, null and blank values all read as null. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The node at the given field path, or null when any step is missing or JSON null. */
    static JsonNode at(JsonNode node, String... fields) {
        JsonNode current = node;
        for (String field : fields) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(field);
        }
        return current == null || current.isNull() || current.isMissingNode() ? null : current;
    }

    /** Trimmed text, or null when absent or blank (BMCs report unknown values as "" as often as null). */
    static String text(JsonNode node, String... fields) {
        JsonNode value = at(node, fields);
        if (value == null || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    static Integer integer(JsonNode node, String... fields) {
        JsonNode value = at(node, fields);
        return value != null && value.isNumber() ? Integer.valueOf(value.intValue()) : null;
    }

    static Long longValue(JsonNode node, String... fields) {
        JsonNode value = at(node, fields);
        return value != null && value.isNumber() ? Long.valueOf(value.longValue()) : null;
    }

    static Double decimal(JsonNode node, String... fields) {
        JsonNode value = at(node, fields);
        return value != null && value.isNumber() ? Double.valueOf(value.doubleValue()) : null;
    }

    static Boolean bool(JsonNode node, String... fields) {
        JsonNode value = at(node, fields);
        return value != null && value.isBoolean() ? Boolean.valueOf(value.booleanValue()) : null;
    }

    /** The {@code @odata.id} of a navigation property such as {@code "Processors": {"@odata.id": ...}}. */
    static String link(JsonNode node, String... fields) {
        JsonNode target = at(node, fields);
        return target == null ? null : text(target, "@odata.id");
    }

    /** The {@code @odata.id} of every element of an array of links. */
    static List<String> links(JsonNode node, String... fields) {
        List<String> result = new ArrayList<>();
        JsonNode array = at(node, fields);
        if (array != null && array.isArray()) {
            for (JsonNode element : array) {
                String id = text(element, "@odata.id");
                if (id != null) {
                    result.add(id);
                }
            }
        }
        return result;
    }

    /** The text elements of an array such as {@code ResetType@Redfish.AllowableValues}; empty when absent. */
    static List<String> strings(JsonNode node, String... fields) {
        List<String> result = new ArrayList<>();
        JsonNode array = at(node, fields);
        if (array != null && array.isArray()) {
            for (JsonNode element : array) {
                if (element.isTextual() && !element.asText().isBlank()) {
                    result.add(element.asText());
                }
            }
        }
        return result;
    }

    /** True unless Status.State says the component is not installed. */
    static boolean present(JsonNode node) {
        return !"Absent".equalsIgnoreCase(text(node, "Status", "State"));
    }
}
