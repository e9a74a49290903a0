package org.metalflow.connectors.redfish;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Comparing BIOS attribute values and checking wanted ones against the attribute registry. */
final class BiosValues {

    private BiosValues() {
    }

    /** Equal as BIOS values: 5 and 5L are the same, "5" and 5 are not. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    /**
     * Why each wanted value would be refused; empty when all are acceptable. Without a registry only names the
     * BIOS does not report are refused.
     */
    static List<String> problems(Map<String, Object> wanted, Map<String, BiosSettings.BiosAttribute> registry,
                                 Map<String, Object> current) {
        List<String> problems = new ArrayList<>();
        wanted.forEach((name, value) -> {
            BiosSettings.BiosAttribute attribute = registry.get(name);
            if (attribute == null) {
                if (!current.containsKey(name)) {
                    problems.add(name + " is not a BIOS attribute of this system");
                }
                return;
            }
            if (attribute.readOnly()) {
                problems.add(name + " is read-only");
                return;
            }
            String problem = typeProblem(attribute, value);
            if (problem != null) {
                problems.add(name + " " + problem);
            }
        });
        return problems;
    }

    private static String typeProblem(BiosSettings.BiosAttribute attribute, Object value) {
        String type = attribute.type() == null ? "" : attribute.type();
        switch (type) {
            case "Enumeration" -> {
                if (!(value instanceof String text) || (!attribute.values().isEmpty()
                        && !attribute.values().contains(text))) {
                    return "must be one of " + String.join(", ", attribute.values()) + " (not " + value + ")";
                }
            }
            case "Integer" -> {
                if (!(value instanceof Integer || value instanceof Long || value instanceof Short)) {
                    return "must be an integer (not " + value + ")";
                }
                long number = ((Number) value).longValue();
                if ((attribute.lowerBound() != null && number < attribute.lowerBound())
                        || (attribute.upperBound() != null && number > attribute.upperBound())) {
                    return "must be between " + attribute.lowerBound() + " and " + attribute.upperBound()
                            + " (not " + value + ")";
                }
            }
            case "Boolean" -> {
                if (!(value instanceof Boolean)) {
                    return "must be true or false";
                }
            }
            case "String" -> {
                if (!(value instanceof String)) {
                    // no value in the message: free-text attributes may hold secrets
                    return "must be text";
                }
            }
            default -> {
                // Password and vendor types: the BMC decides.
            }
        }
        return null;
    }
}
