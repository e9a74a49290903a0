package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** UpdateService.SimpleUpdate: the BMC pulls an image from a URI; the answer is a task to follow. */
final class FirmwareUpdater {

    private static final String ACTION = "#UpdateService.SimpleUpdate";

    private final RedfishTransport transport;
    private final BmcEndpoint bmc;
    private final ResourceReader reader;

    FirmwareUpdater(RedfishTransport transport, BmcEndpoint bmc) {
        this.transport = transport;
        this.bmc = bmc;
        this.reader = new ResourceReader(transport, bmc);
    }

    TaskStatus simpleUpdate(String imageUri, List<String> targets) {
        String scheme = scheme(imageUri);
        String updateServiceUri = Json.link(reader.serviceRoot(), "UpdateService");
        JsonNode updateService = reader.optional(updateServiceUri);
        JsonNode action = Json.at(updateService, "Actions", ACTION);
        String target = Json.text(action, "target");
        if (target == null) {
            throw RedfishErrors.refused(reader.display(), "the BMC offers no UpdateService.SimpleUpdate action; "
                    + "image " + imageUri + " was not sent");
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("ImageURI", imageUri);
        if (targets != null && !targets.isEmpty()) {
            body.putArray("Targets").addAll(targets.stream().map(Json.MAPPER.getNodeFactory()::textNode).toList());
        }
        // TransferProtocol is deprecated in favour of the URI's scheme, but BMCs that list its values
        // (iDRAC, iLO 5) still want it.
        List<String> protocols = Json.strings(action, "TransferProtocol@Redfish.AllowableValues");
        if (!protocols.isEmpty()) {
            String protocol = scheme.toUpperCase(Locale.ROOT);
            if (!protocols.contains(protocol)) {
                throw RedfishErrors.refused(reader.display(), "SimpleUpdate does not allow TransferProtocol "
                        + protocol + "; allowed: " + String.join(", ", protocols));
            }
            body.put("TransferProtocol", protocol);
        }
        RedfishResponse response = transport.send(bmc, "POST", target, body, null);
        if (response.status() == 202 || response.headers().get("Location") != null) {
            return TaskMonitor.started(response, null);
        }
        // Accepted without a task (iLO 5): the update service itself reports progress, if the vendor's does.
        TaskStatus progress = VendorQuirksResolver.resolve(reader.serviceRoot(), null)
                .updateProgress(updateServiceUri, reader.optional(updateServiceUri));
        return progress != null ? progress : new TaskStatus(null, "Completed", "OK", null,
                List.of("the BMC accepted the update without a task to follow"), TaskMonitor.DEFAULT_RETRY);
    }

    private String scheme(String imageUri) {
        String scheme = null;
        try {
            scheme = imageUri == null ? null : URI.create(imageUri).getScheme();
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (scheme == null) {
            throw new IllegalArgumentException("the image URI must be absolute, with a scheme such as https");
        }
        return scheme;
    }
}
