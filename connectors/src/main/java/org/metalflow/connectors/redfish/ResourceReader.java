package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows Redfish links on one BMC: single resources, optional resources (a 404 reads as absent) and
 * collections (members across {@code Members@odata.nextLink} pages, expanded in one request when the
 * service root advertises {@code $expand}).
 */
final class ResourceReader {

    private final RedfishTransport transport;
    private final BmcEndpoint bmc;
    private String expandQuery;
    private boolean expandChecked;

    ResourceReader(RedfishTransport transport, BmcEndpoint bmc) {
        this.transport = transport;
        this.bmc = bmc;
    }

    /** The BMC address as messages name it. */
    String display() {
        return transport.display(bmc);
    }

    JsonNode serviceRoot() {
        return transport.serviceRoot(bmc);
    }

    JsonNode get(String path) {
        return transport.get(bmc, path).body();
    }

    RedfishResponse response(String path) {
        return transport.get(bmc, path);
    }

    /** The resource, or null when the link is missing or the BMC answers 404 (vendor captures and real BMCs
     *  both link to resources they do not serve). */
    JsonNode optional(String path) {
        if (path == null) {
            return null;
        }
        try {
            return get(path);
        } catch (RedfishException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Every member of the collection at the path; empty when the path is null or the collection is absent. */
    List<JsonNode> members(String collectionPath) {
        List<JsonNode> members = new ArrayList<>();
        if (collectionPath == null) {
            return members;
        }
        JsonNode page = firstPage(collectionPath);
        Set<String> seenPages = new HashSet<>();
        while (page != null) {
            JsonNode array = Json.at(page, "Members");
            if (array != null && array.isArray()) {
                for (JsonNode member : array) {
                    JsonNode resource = expanded(member) ? member : optional(Json.text(member, "@odata.id"));
                    if (resource != null) {
                        members.add(resource);
                    }
                }
            }
            String next = Json.text(page, "Members@odata.nextLink");
            page = next != null && seenPages.add(next) ? optional(next) : null;
        }
        return members;
    }

    /** Links of every member, across pages, without reading the members. */
    List<String> memberLinks(String collectionPath) {
        List<String> links = new ArrayList<>();
        JsonNode page = optional(collectionPath);
        Set<String> seenPages = new HashSet<>();
        while (page != null) {
            links.addAll(Json.links(page, "Members"));
            String next = Json.text(page, "Members@odata.nextLink");
            page = next != null && seenPages.add(next) ? optional(next) : null;
        }
        return links;
    }

    private JsonNode firstPage(String collectionPath) {
        String expand = expandQuery();
        if (expand == null || collectionPath.contains("?")) {
            return optional(collectionPath);
        }
        try {
            return optional(collectionPath + "?" + expand);
        } catch (RedfishException e) {
            if (e.status() == 401 || e.transientFailure()) {
                throw e;
            }
            // Some BMCs advertise $expand and still reject it on some collections.
            return optional(collectionPath);
        }
    }

    /** A member carries more than its link when the BMC expanded it. */
    private static boolean expanded(JsonNode member) {
        return member.isObject() && member.size() > 1 && Json.text(member, "@odata.id") != null;
    }

    /** The $expand query for one level of subordinate resources, per ProtocolFeaturesSupported.ExpandQuery. */
    private String expandQuery() {
        if (!expandChecked) {
            expandChecked = true;
            JsonNode expand = Json.at(serviceRoot(), "ProtocolFeaturesSupported", "ExpandQuery");
            boolean levels = Boolean.TRUE.equals(Json.bool(expand, "Levels"));
            String selector = Boolean.TRUE.equals(Json.bool(expand, "NoLinks")) ? "."
                    : Boolean.TRUE.equals(Json.bool(expand, "ExpandAll")) ? "*" : null;
            if (selector != null) {
                expandQuery = "$expand=" + selector + (levels ? "($levels=1)" : "");
            }
        }
        return expandQuery;
    }
}
