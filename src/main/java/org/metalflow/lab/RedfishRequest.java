package org.metalflow.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** One authenticated Redfish request to one BMC, as the endpoints see it. */
record RedfishRequest(String method, String path, byte[] body, String ifMatch, SimulatedBmc bmc, MachineSpec spec,
                      BmcUris uris, ObjectMapper mapper) {

    VendorPersonality personality() {
        return spec.vendor().personality();
    }

    boolean is(String expectedMethod, String uri) {
        return method.equals(expectedMethod) && uris.same(path, uri);
    }

    /** The body as a JSON object, or null when it is missing, malformed or not an object. */
    JsonNode json() {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    RedfishAnswer error(RedfishError error) {
        return RedfishAnswer.error(error, mapper);
    }

    /** The vendor's answer to a successful PATCH or action: 204, or 200 with its success message. */
    RedfishAnswer success(boolean action) {
        ObjectNode success = personality().successBody(mapper, action);
        return RedfishAnswer.of(success == null ? 204 : 200, success);
    }

    ResourceKit kit() {
        return new ResourceKit(mapper, personality());
    }

    /** Weak comparison, as iLO and iDRAC hand out weak ETags: {@code W/"x"} matches {@code "x"}. */
    static boolean etagMatches(String ifMatch, String current) {
        String bare = stripWeak(current);
        for (String candidate : ifMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || stripWeak(trimmed).equals(bare)) {
                return true;
            }
        }
        return false;
    }

    private static String stripWeak(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }
}
