package org.metalflow.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The pieces every rendered resource of one BMC is made of, in its vendor's style. */
final class ResourceKit {

    /** Takes the builder of the resource at a URI. */
    interface Registrar {
        void add(String uri, Supplier<ObjectNode> builder);
    }

    private final ObjectMapper mapper;
    private final VendorPersonality personality;

    ResourceKit(ObjectMapper mapper, VendorPersonality personality) {
        this.mapper = mapper;
        this.personality = personality;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    VendorPersonality personality() {
        return personality;
    }

    ObjectNode resource(String uri, String type) {
        ObjectNode node = mapper.createObjectNode();
        if (personality.writesOdataContext()) {
            String[] parts = type.substring(1).split("\\.");
            node.put("@odata.context", "/redfish/v1/$metadata#" + parts[0] + "." + parts[parts.length - 1]);
        }
        node.put("@odata.id", uri);
        node.put("@odata.type", type);
        return node;
    }

    /** Adds the content-derived weak {@code @odata.etag} where the vendor writes one. */
    ObjectNode finish(ObjectNode node) {
        if (personality.writesOdataEtag()) {
            node.put("@odata.etag", etagOf(node));
        }
        return node;
    }

    static String etagOf(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove("@odata.etag");
        return String.format(Locale.ROOT, "W/\"%08X\"", copy.toString().hashCode());
    }

    ObjectNode collection(String uri, String type, String name, List<String> members) {
        ObjectNode node = resource(uri, "#" + type + "." + type);
        node.put("Name", name);
        ArrayNode array = node.putArray("Members");
        members.forEach(member -> array.addObject().put("@odata.id", member));
        node.put("Members@odata.count", members.size());
        return finish(node);
    }

    static void link(ObjectNode parent, String name, String uri) {
        parent.putObject(name).put("@odata.id", uri);
    }

    static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    static void status(ObjectNode node) {
        ObjectNode status = node.putObject("Status");
        status.put("State", "Enabled");
        status.put("Health", "OK");
    }
}
