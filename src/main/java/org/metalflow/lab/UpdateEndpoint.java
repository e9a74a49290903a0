package org.metalflow.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** UpdateService.SimpleUpdate: 202 and a task; the image's version takes over as {@link FirmwareImage} says. */
final class UpdateEndpoint implements RedfishEndpoint {

    private static final String ACTION = "UpdateService.SimpleUpdate";

    @Override
    public Optional<RedfishAnswer> handle(RedfishRequest request) {
        return request.is("POST", request.uris().simpleUpdate()) ? Optional.of(simpleUpdate(request)) : Optional.empty();
    }

    private RedfishAnswer simpleUpdate(RedfishRequest request) {
        JsonNode body = request.json();
        if (body == null) {
            return request.error(RedfishError.malformedJson());
        }
        JsonNode image = body.get("ImageURI");
        if (image == null || !image.isTextual() || image.asText().isBlank()) {
            return request.error(RedfishError.actionParameterMissing(ACTION, "ImageURI"));
        }
        var protocols = request.personality().transferProtocols();
        JsonNode protocol = body.get("TransferProtocol");
        if (protocol != null && !protocol.isNull() && (!protocol.isTextual() || !protocols.contains(protocol.asText()))) {
            return request.error(RedfishError.actionParameterNotInList(protocol.asText(protocol.toString()),
                    "TransferProtocol", ACTION, protocols));
        }
        if (protocol == null || protocol.isNull()) {
            String scheme = scheme(image.asText());
            if (scheme == null || !protocols.contains(scheme.toUpperCase(Locale.ROOT))) {
                return request.error(RedfishError.actionParameterValue(image.asText(), "ImageURI", ACTION,
                        "the URI must start with one of " + String.join(", ", protocols).toLowerCase(Locale.ROOT)
                                + " or TransferProtocol must be given"));
            }
        }
        JsonNode targets = body.get("Targets");
        if (targets != null && !targets.isNull()) {
            if (!targets.isArray()) {
                return request.error(RedfishError.propertyValueType(targets.toString(), "Targets"));
            }
            for (JsonNode target : targets) {
                String id = request.uris().childOf(target.asText(""), request.uris().firmwareInventory());
                boolean known = id != null && request.spec().firmware().stream().anyMatch(f -> f.id().equalsIgnoreCase(id));
                if (!known) {
                    return request.error(RedfishError.actionParameterValue(target.toString(), "Targets", ACTION,
                            "not a firmware inventory member of this BMC"));
                }
            }
        }
        return TaskEndpoint.accepted(request, request.bmc().simpleUpdate(image.asText()));
    }

    private static String scheme(String uri) {
        try {
            return URI.create(uri).getScheme();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
