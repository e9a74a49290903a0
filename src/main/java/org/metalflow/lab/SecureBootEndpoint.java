package org.metalflow.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** PATCH SecureBootEnable; the host runs with it from its next boot. */
final class SecureBootEndpoint implements RedfishEndpoint {

    @Override
    public Optional<RedfishAnswer> handle(RedfishRequest request) {
        if (!request.is("PATCH", request.uris().secureBoot())) {
            return Optional.empty();
        }
        JsonNode body = request.json();
        if (body == null) {
            return Optional.of(request.error(RedfishError.malformedJson()));
        }
        Boolean enable = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("SecureBootEnable")) {
                return Optional.of(request.error(field.getKey().startsWith("SecureBoot")
                        ? RedfishError.propertyNotWritable(field.getKey()) : RedfishError.propertyUnknown(field.getKey())));
            }
            if (!field.getValue().isBoolean()) {
                return Optional.of(request.error(RedfishError.propertyValueType(field.getValue().toString(), "SecureBootEnable")));
            }
            enable = field.getValue().asBoolean();
        }
        if (enable != null) {
            request.bmc().setSecureBootEnable(enable);
        }
        return Optional.of(request.success(false));
    }
}
