package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds and reads the BIOS attribute registry: the Bios resource names it ({@code AttributeRegistry}), the
 * service root's Registries collection has a member for it whose {@code Location[].Uri} is the registry
 * itself. Empty when any step is missing: many BMCs publish no registry.
 */
final class BiosRegistryReader {

    private final ResourceReader reader;

    BiosRegistryReader(ResourceReader reader) {
        this.reader = reader;
    }

    Map<String, BiosSettings.BiosAttribute> read(String registryName) {
        if (registryName == null) {
            return Map.of();
        }
        JsonNode registry = reader.optional(location(registryFile(registryName)));
        JsonNode attributes = Json.at(registry, "RegistryEntries", "Attributes");
        if (attributes == null || !attributes.isArray()) {
            return Map.of();
        }
        Map<String, BiosSettings.BiosAttribute> result = new LinkedHashMap<>();
        for (JsonNode attribute : attributes) {
            String name = Json.text(attribute, "AttributeName");
            if (name != null) {
                result.put(name, attribute(name, attribute));
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * The registry file named exactly, else one of the same registry in another version: iDRAC 6 names
     * {@code BiosAttributeRegistry.v1_0_3} in the Bios resource and lists only {@code BiosAttributeRegistry.v1_0_0}.
     */
    private JsonNode registryFile(String registryName) {
        List<JsonNode> files = reader.members(Json.link(reader.serviceRoot(), "Registries"));
        String family = family(registryName);
        JsonNode sameFamily = null;
        for (JsonNode file : files) {
            String id = Json.text(file, "Id");
            if (registryName.equals(id) || registryName.equals(Json.text(file, "Registry"))) {
                return file;
            }
            if (sameFamily == null && id != null && family.equals(family(id))) {
                sameFamily = file;
            }
        }
        return sameFamily;
    }

    /** The English location when there are several; a registry published only inside an archive has no Uri. */
    private static String location(JsonNode file) {
        JsonNode locations = Json.at(file, "Location");
        if (locations == null || !locations.isArray()) {
            return null;
        }
        String any = null;
        for (JsonNode location : locations) {
            String uri = Json.text(location, "Uri");
            if (uri != null && "en".equalsIgnoreCase(Json.text(location, "Language"))) {
                return uri;
            }
            any = any == null ? uri : any;
        }
        return any;
    }

    /** {@code BiosAttributeRegistryA42.v1_2_60} to {@code BiosAttributeRegistryA42}. */
    private static String family(String name) {
        int version = name.indexOf(".v");
        return version < 0 ? name : name.substring(0, version);
    }

    private static BiosSettings.BiosAttribute attribute(String name, JsonNode attribute) {
        List<String> values = new ArrayList<>();
        JsonNode valueList = Json.at(attribute, "Value");
        if (valueList != null && valueList.isArray()) {
            for (JsonNode value : valueList) {
                String valueName = Json.text(value, "ValueName");
                if (valueName != null) {
                    values.add(valueName);
                }
            }
        }
        // Immutable attributes cannot be changed either, whatever ReadOnly says.
        boolean readOnly = Boolean.TRUE.equals(Json.bool(attribute, "ReadOnly"))
                || Boolean.TRUE.equals(Json.bool(attribute, "Immutable"));
        return new BiosSettings.BiosAttribute(name, Json.text(attribute, "Type"), readOnly, List.copyOf(values),
                Json.longValue(attribute, "LowerBound"), Json.longValue(attribute, "UpperBound"));
    }
}
