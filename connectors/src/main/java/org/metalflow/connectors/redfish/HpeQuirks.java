package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * iLO 5 accepts UpdateService.SimpleUpdate with 200 and no task monitor; the flash is followed through
 * {@code UpdateService.Oem.Hpe.State} and {@code FlashProgressPercent} instead.
 */
final class HpeQuirks implements VendorQuirks {

    @Override
    public String name() {
        return "HPE";
    }

    @Override
    public TaskStatus updateProgress(String uri, JsonNode resource) {
        String state = Json.text(resource, "Oem", "Hpe", "State");
        if (state == null || Json.at(resource, "Actions", "#UpdateService.SimpleUpdate") == null) {
            return null;
        }
        Integer percent = Json.integer(resource, "Oem", "Hpe", "FlashProgressPercent");
        String result = Json.text(resource, "Oem", "Hpe", "Result", "MessageId");
        List<String> messages = result == null ? List.of("iLO update state " + state)
                : List.of("iLO update state " + state, result);
        return switch (state) {
            case "Complete" -> new TaskStatus(uri, "Completed", "OK", 100, messages, TaskMonitor.DEFAULT_RETRY);
            case "Error" -> new TaskStatus(uri, "Exception", "Critical", percent, messages, TaskMonitor.DEFAULT_RETRY);
            // Idle before the download starts; Uploading, Verifying, Writing, Updating, Progressing while it runs.
            default -> new TaskStatus(uri, "Running", "OK", percent, messages, TaskMonitor.DEFAULT_RETRY);
        };
    }
}
