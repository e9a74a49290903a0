package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a system's Bios, its {@code @Redfish.Settings} object and the attribute registry. */
final class BiosReader {

    /** What a write needs besides the settings: the resources as read and the settings object's ETag. */
    record State(JsonNode system, JsonNode bios, JsonNode settingsObject, String settingsEtag, BiosSettings settings) {
    }

    private final ResourceReader reader;

    BiosReader(ResourceReader reader) {
        this.reader = reader;
    }

    State read(String systemUri, boolean withRegistry) {
        JsonNode system = reader.get(systemUri);
        String biosUri = Json.link(system, "Bios");
        if (biosUri == null) {
            throw RedfishErrors.refused(reader.display(), "system " + systemUri + " has no Bios resource");
        }
        RedfishResponse biosResponse = reader.response(biosUri);
        JsonNode bios = biosResponse.body();
        String settingsUri = Json.link(bios, "@Redfish.Settings", "SettingsObject");
        JsonNode settingsObject = null;
        String settingsEtag = biosResponse.etag();
        if (settingsUri != null) {
            RedfishResponse settingsResponse = optional(settingsUri);
            settingsObject = settingsResponse == null ? null : settingsResponse.body();
            settingsEtag = settingsResponse == null ? null : settingsResponse.etag();
        } else {
            settingsUri = Json.text(bios, "@odata.id") != null ? Json.text(bios, "@odata.id") : biosUri;
        }
        Map<String, Object> current = values(Json.at(bios, "Attributes"));
        Map<String, Object> pending = new LinkedHashMap<>();
        values(Json.at(settingsObject, "Attributes")).forEach((name, value) -> {
            if (!current.containsKey(name) || !BiosValues.same(current.get(name), value)) {
                pending.put(name, value);
            }
        });
        Map<String, BiosSettings.BiosAttribute> registry = withRegistry
                ? new BiosRegistryReader(reader).read(Json.text(bios, "AttributeRegistry")) : Map.of();
        BiosSettings settings = new BiosSettings(Collections.unmodifiableMap(current),
                Collections.unmodifiableMap(pending), settingsUri, applyTimes(bios, settingsObject), registry);
        return new State(system, bios, settingsObject, settingsEtag, settings);
    }

    private RedfishResponse optional(String path) {
        try {
            return reader.response(path);
        } catch (RedfishException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** {@code @Redfish.Settings.SupportedApplyTimes}, else the values {@code @Redfish.SettingsApplyTime} allows. */
    private static List<String> applyTimes(JsonNode bios, JsonNode settingsObject) {
        List<String> times = Json.strings(bios, "@Redfish.Settings", "SupportedApplyTimes");
        if (times.isEmpty()) {
            times = Json.strings(settingsObject, "@Redfish.SettingsApplyTime", "ApplyTime@Redfish.AllowableValues");
        }
        if (times.isEmpty()) {
            times = Json.strings(bios, "@Redfish.SettingsApplyTime", "ApplyTime@Redfish.AllowableValues");
        }
        return List.copyOf(times);
    }

    /** Attribute values as Java values; LinkedHashMap because BMCs report unset attributes as null. */
    private static Map<String, Object> values(JsonNode attributes) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (attributes != null && attributes.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = attributes.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                values.put(field.getKey(), Json.MAPPER.convertValue(field.getValue(), Object.class));
            }
        }
        return values;
    }
}
