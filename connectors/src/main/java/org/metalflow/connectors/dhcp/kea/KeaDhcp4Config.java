package org.metalflow.connectors.dhcp.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration {@code config-get} returned, {@code {"Dhcp4": {...}}}, edited in place and sent back whole with
 * {@code config-set}. Subnets are found at the top level and inside shared networks.
 */
final class KeaDhcp4Config {

    private final ObjectNode whole;
    private final ObjectNode dhcp4;

    private KeaDhcp4Config(ObjectNode whole, ObjectNode dhcp4) {
        this.whole = whole;
        this.dhcp4 = dhcp4;
    }

    /** Null when {@code arguments} holds no Dhcp4 configuration. */
    static KeaDhcp4Config of(JsonNode arguments) {
        if (arguments instanceof ObjectNode whole && whole.get("Dhcp4") instanceof ObjectNode dhcp4) {
            return new KeaDhcp4Config(whole, dhcp4);
        }
        return null;
    }

    /** What config-set takes. */
    ObjectNode whole() {
        return whole;
    }

    List<ObjectNode> subnets() {
        List<ObjectNode> subnets = new ArrayList<>();
        addObjects(dhcp4.path("subnet4"), subnets);
        for (JsonNode network : dhcp4.path("shared-networks")) {
            addObjects(network.path("subnet4"), subnets);
        }
        return subnets;
    }

    Optional<ObjectNode> subnet(Ipv4.Cidr cidr) {
        return subnets().stream().filter(subnet -> cidr.equals(cidrOf(subnet))).findFirst();
    }

    /** The subnet's CIDR normalized, or null when Kea's text is not one. */
    static Ipv4.Cidr cidrOf(ObjectNode subnet) {
        try {
            return Ipv4.Cidr.parse(subnet.path("subnet").asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static ArrayNode reservations(ObjectNode subnet) {
        JsonNode reservations = subnet.get("reservations");
        return reservations instanceof ArrayNode array ? array : subnet.putArray("reservations");
    }

    /** Every reservation of every subnet and the global ones, for finding which classes are still in use. */
    List<JsonNode> allReservations() {
        List<JsonNode> all = new ArrayList<>();
        dhcp4.path("reservations").forEach(all::add);
        for (ObjectNode subnet : subnets()) {
            subnet.path("reservations").forEach(all::add);
        }
        return all;
    }

    ArrayNode classes() {
        JsonNode classes = dhcp4.get("client-classes");
        return classes instanceof ArrayNode array ? array : dhcp4.putArray("client-classes");
    }

    /** Kea's configuration file grammar refuses an empty client-classes list, so none is left behind. */
    void removeClasses() {
        dhcp4.remove("client-classes");
    }

    Map<String, JsonNode> classesByName() {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode definition : dhcp4.path("client-classes")) {
            byName.put(definition.path("name").asText(), definition);
        }
        return byName;
    }

    /** A reservation or class without the defaults Kea fills in on config-get, for comparing with what we wrote. */
    static JsonNode withoutDefaults(JsonNode node) {
        JsonNode copy = node.deepCopy();
        if (copy instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                JsonNode value = fields.next().getValue();
                boolean isDefault = (value.isTextual() && (value.asText().isEmpty() || value.asText().equals("0.0.0.0")))
                        || (value.isContainerNode() && value.isEmpty())
                        || (value.isBoolean() && !value.asBoolean());
                if (isDefault) {
                    fields.remove();
                }
            }
        }
        return copy;
    }

    private static void addObjects(JsonNode array, List<ObjectNode> into) {
        for (JsonNode node : array) {
            if (node instanceof ObjectNode object) {
                into.add(object);
            }
        }
    }
}
