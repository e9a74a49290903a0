package org.metalflow.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.metalflow.lab.VendorPersonality.MediaSlotSpec;

/** InsertMedia, EjectMedia and PATCH of the manager's virtual media slots. */
final class VirtualMediaEndpoint implements RedfishEndpoint {

    private static final String INSERT = "VirtualMedia.InsertMedia";

    @Override
    public Optional<RedfishAnswer> handle(RedfishRequest request) {
        for (MediaSlotSpec slot : request.personality().virtualMedia()) {
            String uri = request.uris().mediaSlot(slot.id());
            if (request.is("POST", uri + "/Actions/" + INSERT)) {
                return Optional.of(insert(request, slot));
            }
            if (request.is("POST", uri + "/Actions/VirtualMedia.EjectMedia")) {
                request.bmc().setMedia(slot.id(), MediaState.Slot.EMPTY);
                return Optional.of(request.success(true));
            }
            if (request.is("PATCH", uri)) {
                return Optional.of(patch(request, slot));
            }
        }
        return Optional.empty();
    }

    private RedfishAnswer insert(RedfishRequest request, MediaSlotSpec slot) {
        JsonNode body = request.json();
        if (body == null) {
            return request.error(RedfishError.malformedJson());
        }
        JsonNode image = body.get("Image");
        if (image == null || !image.isTextual() || image.asText().isBlank()) {
            return request.error(RedfishError.actionParameterMissing(INSERT, "Image"));
        }
        if (request.bmc().media(slot.id()).inserted()) {
            return request.error(RedfishError.resourceInUse("media is already inserted in " + slot.id()));
        }
        boolean inserted = body.path("Inserted").asBoolean(true);
        boolean writeProtected = body.path("WriteProtected").asBoolean(true);
        request.bmc().setMedia(slot.id(), new MediaState.Slot(image.asText(), inserted, writeProtected));
        return request.success(true);
    }

    private RedfishAnswer patch(RedfishRequest request, MediaSlotSpec slot) {
        JsonNode body = request.json();
        if (body == null) {
            return request.error(RedfishError.malformedJson());
        }
        MediaState.Slot current = request.bmc().media(slot.id());
        String image = current.image();
        Boolean inserted = null;
        boolean writeProtected = current.writeProtected();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "Image" -> {
                    if (!value.isTextual() && !value.isNull()) {
                        return request.error(RedfishError.propertyValueType(value.toString(), "Image"));
                    }
                    image = value.isNull() || value.asText().isBlank() ? null : value.asText();
                }
                case "Inserted", "WriteProtected" -> {
                    if (!value.isBoolean()) {
                        return request.error(RedfishError.propertyValueType(value.toString(), field.getKey()));
                    }
                    if (field.getKey().equals("Inserted")) {
                        inserted = value.asBoolean();
                    } else {
                        writeProtected = value.asBoolean();
                    }
                }
                default -> {
                    return request.error(RedfishError.propertyUnknown(field.getKey()));
                }
            }
        }
        boolean nowInserted = image != null && (inserted == null || inserted);
        request.bmc().setMedia(slot.id(), nowInserted || image != null
                ? new MediaState.Slot(image, nowInserted, writeProtected) : MediaState.Slot.EMPTY);
        return request.success(false);
    }
}
