package org.metalflow.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * BIOS changes: a PATCH of the settings object, checked attribute by attribute against the registry,
 * stages values for the next boot. On iDRAC the change becomes a configuration job, and further changes
 * are refused until that job has run or the job queue is cleared (DellJobService.DeleteJobQueue).
 */
final class BiosEndpoint implements RedfishEndpoint {

    private static final String DELETE_JOB_QUEUE = "DellJobService.DeleteJobQueue";

    @Override
    public Optional<RedfishAnswer> handle(RedfishRequest request) {
        VendorPersonality personality = request.personality();
        if (request.is("PATCH", personality.biosSettingsUri(request.uris().system()))) {
            return Optional.of(patch(request));
        }
        if (personality.biosChangesAreJobs() && request.is("POST", request.uris().deleteJobQueue())) {
            return Optional.of(deleteJobQueue(request));
        }
        return Optional.empty();
    }

    private RedfishAnswer patch(RedfishRequest request) {
        SimulatedBmc bmc = request.bmc();
        VendorPersonality personality = request.personality();
        BiosResources resources = new BiosResources(request.kit(), bmc, request.spec(), request.uris());
        if (request.ifMatch() != null && personality.writesOdataEtag()
                && !RedfishRequest.etagMatches(request.ifMatch(), ResourceKit.etagOf(resources.settings()))) {
            return request.error(RedfishError.preconditionFailed());
        }
        JsonNode body = request.json();
        if (body == null) {
            return request.error(RedfishError.malformedJson());
        }
        JsonNode attributes = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "Attributes" -> attributes = field.getValue();
                case "@Redfish.SettingsApplyTime" -> {
                    Optional<RedfishError> refused = checkApplyTime(field.getValue(), personality);
                    if (refused.isPresent()) {
                        return request.error(refused.get());
                    }
                }
                default -> {
                    return request.error(RedfishError.propertyUnknown(field.getKey()));
                }
            }
        }
        if (attributes == null) {
            return request.error(RedfishError.propertyMissing("Attributes"));
        }
        if (!attributes.isObject()) {
            return request.error(RedfishError.propertyValueType(attributes.toString(), "Attributes"));
        }
        if (personality.biosChangesAreJobs() && bmc.biosJobScheduled()) {
            return request.error(RedfishError.dellPendingConfiguration());
        }
        BiosRegistry registry = personality.biosRegistry(request.spec(), request.uris().system());
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = attributes.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Optional<BiosAttribute> attribute = registry.attribute(field.getKey());
            if (attribute.isEmpty()) {
                return request.error(RedfishError.propertyUnknown(field.getKey()));
            }
            Optional<RedfishError> refused = attribute.get().check(field.getValue());
            if (refused.isPresent()) {
                return request.error(refused.get());
            }
            changes.put(field.getKey(), value(field.getValue()));
        }
        Optional<BiosState.DellJob> job = bmc.stageBios(changes);
        if (job.isPresent()) {
            return RedfishAnswer.of(202, null).header("Location", request.uris().dellJobs() + "/" + job.get().id());
        }
        return request.success(false);
    }

    private static Optional<RedfishError> checkApplyTime(JsonNode applyTime, VendorPersonality personality) {
        JsonNode value = applyTime.path("ApplyTime");
        if (!value.isTextual()) {
            return Optional.of(RedfishError.propertyValueType(applyTime.toString(), "@Redfish.SettingsApplyTime"));
        }
        if (personality.biosApplyTimes().isEmpty()) {
            return Optional.of(RedfishError.propertyUnknown("@Redfish.SettingsApplyTime"));
        }
        return personality.biosApplyTimes().contains(value.asText()) ? Optional.empty()
                : Optional.of(RedfishError.valueNotInList(value.asText(), "ApplyTime", personality.biosApplyTimes()));
    }

    private static Object value(JsonNode node) {
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        return node.asText();
    }

    private RedfishAnswer deleteJobQueue(RedfishRequest request) {
        JsonNode body = request.json();
        if (body == null) {
            return request.error(RedfishError.malformedJson());
        }
        JsonNode jobId = body.get("JobID");
        if (jobId == null || !jobId.isTextual()) {
            return request.error(RedfishError.actionParameterMissing(DELETE_JOB_QUEUE, "JobID"));
        }
        if (!request.bmc().deleteDellJob(jobId.asText())) {
            return request.error(RedfishError.dellJobIdInvalid(jobId.asText()));
        }
        ObjectNode answer = request.mapper().createObjectNode();
        ObjectNode message = answer.putArray("@Message.ExtendedInfo").addObject();
        message.put("MessageId", "IDRAC.2.8.SUP020");
        message.put("Message", "Successfully deleted the job(s).");
        message.putArray("MessageArgs");
        message.put("Severity", "Informational");
        message.put("Resolution", "No response action is required.");
        return RedfishAnswer.of(200, answer);
    }
}
