package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Headers;

/** One answer from a BMC: status, the JSON body (null when empty or not JSON) and the headers. */
record RedfishResponse(int status, JsonNode body, Headers headers) {

    boolean successful() {
        return status >= 200 && status < 300;
    }

    /** The resource's ETag: the header when sent, else {@code @odata.etag} from the body. */
    String etag() {
        String header = headers.get("ETag");
        return header != null && !header.isBlank() ? header : Json.text(body, "@odata.etag");
    }
}
