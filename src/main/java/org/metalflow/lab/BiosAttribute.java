package org.metalflow.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a BIOS attribute registry: its type and what values it takes.
 *
 * @param values    allowed values of an Enumeration, empty otherwise
 * @param maxLength longest String value, 0 when unbounded
 */
record BiosAttribute(String name, String displayName, String type, boolean readOnly, List<String> values,
                     Long lowerBound, Long upperBound, int maxLength) {

    static BiosAttribute enumeration(String name, String displayName, String... values) {
        return new BiosAttribute(name, displayName, "Enumeration", false, List.of(values), null, null, 0);
    }

    static BiosAttribute integer(String name, String displayName, long lower, long upper) {
        return new BiosAttribute(name, displayName, "Integer", false, List.of(), lower, upper, 0);
    }

    static BiosAttribute string(String name, String displayName, int maxLength) {
        return new BiosAttribute(name, displayName, "String", false, List.of(), null, null, maxLength);
    }

    static BiosAttribute bool(String name, String displayName) {
        return new BiosAttribute(name, displayName, "Boolean", false, List.of(), null, null, 0);
    }

    BiosAttribute asReadOnly() {
        return new BiosAttribute(name, displayName, type, true, values, lowerBound, upperBound, maxLength);
    }

    /** Why {@code value} cannot be set, or empty if it can. */
    Optional<RedfishError> check(JsonNode value) {
        String shown = value.isTextual() ? value.asText() : value.toString();
        if (readOnly) {
            return Optional.of(RedfishError.propertyNotWritable(name));
        }
        return switch (type) {
            case "Enumeration" -> !value.isTextual()
                    ? Optional.of(RedfishError.propertyValueType(shown, name))
                    : values.contains(value.asText()) ? Optional.empty()
                    : Optional.of(RedfishError.valueNotInList(shown, name, values));
            case "Integer" -> !value.isIntegralNumber()
                    ? Optional.of(RedfishError.propertyValueType(shown, name))
                    : value.asLong() < lowerBound || value.asLong() > upperBound
                    ? Optional.of(RedfishError.valueOutOfRange(shown, name, lowerBound, upperBound))
                    : Optional.empty();
            case "Boolean" -> value.isBoolean() ? Optional.empty() : Optional.of(RedfishError.propertyValueType(shown, name));
            default -> !value.isTextual()
                    ? Optional.of(RedfishError.propertyValueType(shown, name))
                    : maxLength > 0 && value.asText().length() > maxLength
                    ? Optional.of(RedfishError.propertyValueFormat(shown, name))
                    : Optional.empty();
        };
    }
}
