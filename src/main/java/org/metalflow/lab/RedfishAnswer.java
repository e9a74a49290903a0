package org.metalflow.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What goes back to a Redfish client: status, optional JSON body, extra headers. */
record RedfishAnswer(int status, ObjectNode body, Map<String, String> headers) {

    static RedfishAnswer of(int status, ObjectNode body) {
        return new RedfishAnswer(status, body, new LinkedHashMap<>());
    }

    static RedfishAnswer error(RedfishError error, ObjectMapper mapper) {
        return of(error.status(), error.toJson(mapper));
    }

    RedfishAnswer header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
