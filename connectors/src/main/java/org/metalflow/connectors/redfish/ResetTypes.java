package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** The ResetType values a system allows, from the action's AllowableValues or its linked ActionInfo. */
final class ResetTypes {

    static final String ACTION = "#ComputerSystem.Reset";

    private ResetTypes() {
    }

    static List<String> allowed(ResourceReader reader, JsonNode system) {
        JsonNode action = Json.at(system, "Actions", ACTION);
        List<String> allowed = Json.strings(action, "ResetType@Redfish.AllowableValues");
        if (!allowed.isEmpty()) {
            return allowed;
        }
        JsonNode actionInfo = reader.optional(Json.text(action, "@Redfish.ActionInfo"));
        JsonNode parameters = Json.at(actionInfo, "Parameters");
        if (parameters != null && parameters.isArray()) {
            for (JsonNode parameter : parameters) {
                if ("ResetType".equals(Json.text(parameter, "Name"))) {
                    return Json.strings(parameter, "AllowableValues");
                }
            }
        }
        return allowed;
    }

    /** The action's target URI, or null when the system offers no reset. */
    static String target(JsonNode system) {
        return Json.text(system, "Actions", ACTION, "target");
    }
}
