package org.metalflow.connectors.puppet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the reports Puppet Server's {@code http} report processor POSTs to {@code reporturl}: the YAML dump of a
 * {@code Puppet::Transaction::Report} ({@code Content-Type: application/x-yaml}, measured with Puppet Server 7.9 /
 * Puppet 7.23). The same fields in JSON (the report format agents send to Puppet Server) are read too.
 *
 * <p>Only the report's top-level scalars are read (host, status, time, ...); the logs, metrics and resource
 * statuses below them are skipped, so no general YAML parser (nor Ruby's object tags) is needed.
 */
public final class PuppetReports {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A key of the top-level mapping: at column 0, as Ruby's Psych writes them. */
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^([a-z_]+):(?:[ \\t]+(.*))?$");

    private PuppetReports() {
    }

    /**
     * @param body        the request body
     * @param contentType the request's Content-Type; null or unknown: JSON when the body starts with '{', else YAML
     * @throws PuppetException (not transient) when the body is not a Puppet report
     */
    public static PuppetReport parse(byte[] body, String contentType) {
        String text = new String(body, StandardCharsets.UTF_8);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean json = type.contains("json") || (!type.contains("yaml") && text.stripLeading().startsWith("{"));
        Map<String, String> fields = json ? jsonFields(text) : yamlFields(text);
        String host = fields.get("host");
        String status = fields.get("status");
        if (host == null || host.isBlank() || status == null || status.isBlank()) {
            throw new PuppetException("not a Puppet report (" + (json ? "JSON" : "YAML") + " without host and status): "
                    + preview(text), false);
        }
        return new PuppetReport(host, status, instant(fields.get("time"), host),
                blankToNull(fields.get("configuration_version")), blankToNull(fields.get("environment")),
                Boolean.parseBoolean(fields.get("noop")), blankToNull(fields.get("cached_catalog_status")));
    }

    private static Map<String, String> jsonFields(String text) {
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new PuppetException("not a Puppet report (invalid JSON): " + preview(text), false, e);
        }
        Map<String, String> fields = new HashMap<>();
        if (json != null) {
            json.fields().forEachRemaining(field -> {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    fields.put(field.getKey(), field.getValue().asText());
                }
            });
        }
        return fields;
    }

    private static Map<String, String> yamlFields(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\r?\n")) {
            Matcher matcher = TOP_LEVEL_KEY.matcher(line);
            if (matcher.matches() && matcher.group(2) != null) {
                fields.putIfAbsent(matcher.group(1), scalar(matcher.group(2).strip()));
            }
        }
        return fields;
    }

    /** A one-line YAML scalar: plain, 'single quoted' ('' is a quote) or "double quoted" (backslash escapes). */
    static String scalar(String value) {
        if (value.startsWith("'")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\'') {
                    if (i + 1 < value.length() && value.charAt(i + 1) == '\'') {
                        out.append('\'');
                        i++;
                    } else {
                        break;
                    }
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        if (value.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i + 1 < value.length()) {
                    char next = value.charAt(++i);
                    switch (next) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case '0' -> out.append('\0');
                        case 'u' -> {
                            if (i + 4 < value.length()) {
                                out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
                                i += 4;
                            }
                        }
                        default -> out.append(next);
                    }
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        if (value.equals("~") || value.equals("null") || value.startsWith("!") || value.startsWith("&")) {
            return null;
        }
        int comment = value.indexOf(" #");
        return (comment >= 0 ? value.substring(0, comment) : value).strip();
    }

    private static Instant instant(String time, String host) {
        if (time == null || time.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new PuppetException("the Puppet report of " + host + " has a time that is not ISO 8601: " + time, false, e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String preview(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine;
    }
}
