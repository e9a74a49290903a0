package org.metalflow.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A Redfish error answer: HTTP status and the standard {@code error} body with one extended message. */
record RedfishError(int status, String messageId, String message, List<String> args, String resolution) {

    private static final String BASE = "Base.1.8.";

    static RedfishError resourceMissing(String uri) {
        return new RedfishError(404, BASE + "ResourceMissingAtURI", "The resource at the URI " + uri + " was not found.",
                List.of(uri), "Place a valid resource at the URI or correct the URI and resubmit the request.");
    }

    static RedfishError noValidSession() {
        return new RedfishError(401, BASE + "NoValidSession",
                "There is no valid session established with the implementation.", List.of(),
                "Establish a session before attempting any operations.");
    }

    static RedfishError badCredentials() {
        return new RedfishError(401, BASE + "NoValidSession", "The user name or password is incorrect.", List.of(),
                "Enter valid user name and password and retry the operation.");
    }

    static RedfishError sessionLimit() {
        return new RedfishError(503, BASE + "SessionLimitExceeded",
                "The session establishment failed due to the number of simultaneous sessions exceeding the limit of the implementation.",
                List.of(), "Reduce the number of other sessions before trying to establish the session or increase the limit of simultaneous sessions (if supported).");
    }

    static RedfishError malformedJson() {
        return new RedfishError(400, BASE + "MalformedJSON",
                "The request body submitted was malformed JSON and could not be parsed by the receiving service.",
                List.of(), "Ensure that the request body is valid JSON and resubmit the request.");
    }

    static RedfishError valueNotInList(String value, String property, List<String> allowed) {
        return new RedfishError(400, BASE + "PropertyValueNotInList",
                "The value " + value + " for the property " + property + " is not in the list of acceptable values: "
                        + String.join(", ", allowed) + ".",
                List.of(value, property), "Choose a value from the enumeration list that the implementation can support and resubmit the request if the operation failed.");
    }

    static RedfishError actionParameterNotInList(String value, String parameter, String action, List<String> allowed) {
        return new RedfishError(400, BASE + "ActionParameterValueNotInList",
                "The value " + value + " for the parameter " + parameter + " in the action " + action
                        + " is not in the list of acceptable values: " + String.join(", ", allowed) + ".",
                List.of(value, parameter, action), "Choose a value from the enumeration list that the implementation can support and resubmit the request if the operation failed.");
    }

    static RedfishError actionParameterMissing(String action, String parameter) {
        return new RedfishError(400, BASE + "ActionParameterMissing",
                "The action " + action + " requires the parameter " + parameter + " to be present in the request body.",
                List.of(action, parameter), "Supply the action with the required parameter in the request body when the request is resubmitted.");
    }

    static RedfishError propertyUnknown(String property) {
        return new RedfishError(400, BASE + "PropertyUnknown",
                "The property " + property + " is not in the list of valid properties for the resource.",
                List.of(property), "Remove the unknown property from the request body and resubmit the request if the operation failed.");
    }

    static RedfishError propertyMissing(String property) {
        return new RedfishError(400, BASE + "PropertyMissing",
                "The property " + property + " is a required property and must be included in the request.",
                List.of(property), "Ensure that the property is in the request body and has a valid value and resubmit the request if the operation failed.");
    }

    static RedfishError propertyValueType(String value, String property) {
        return new RedfishError(400, BASE + "PropertyValueTypeError",
                "The value " + value + " for the property " + property + " is of a different type than the property can accept.",
                List.of(value, property), "Correct the value for the property in the request body and resubmit the request if the operation failed.");
    }

    static RedfishError preconditionFailed() {
        return new RedfishError(412, BASE + "PreconditionFailed",
                "The ETag supplied did not match the ETag required to change this resource.", List.of(),
                "Try the operation again using the appropriate ETag.");
    }

    static RedfishError methodNotAllowed(String method, String uri) {
        return new RedfishError(405, BASE + "OperationNotAllowed",
                "The " + method + " operation is not allowed on " + uri + ".", List.of(),
                "Use an operation the resource allows (see the Allow header).");
    }

    static RedfishError forbidden() {
        return new RedfishError(403, BASE + "InsufficientPrivilege",
                "The lab answers only connections from the loopback interface.", List.of(), "Connect from this host.");
    }

    static RedfishError internal(String detail) {
        return new RedfishError(500, BASE + "InternalError",
                "The request failed due to an internal service error: " + detail, List.of(),
                "Resubmit the request. If the problem persists, look at the platform log.");
    }

    static RedfishError propertyNotWritable(String property) {
        return new RedfishError(400, BASE + "PropertyNotWritable",
                "The property " + property + " is a read only property and cannot be assigned a value.",
                List.of(property), "Remove the property from the request body and resubmit the request if the operation failed.");
    }

    static RedfishError valueOutOfRange(String value, String property, long lower, long upper) {
        return new RedfishError(400, BASE + "PropertyValueOutOfRange",
                "The value " + value + " for the property " + property + " is not in the supported range of acceptable values: "
                        + lower + " to " + upper + ".",
                List.of(value, property), "Correct the value for the property in the request body and resubmit the request if the operation failed.");
    }

    static RedfishError propertyValueFormat(String value, String property) {
        return new RedfishError(400, BASE + "PropertyValueFormatError",
                "The value " + value + " for the property " + property + " is of a different format than the property can accept.",
                List.of(value, property), "Correct the value for the property in the request body and resubmit the request if the operation failed.");
    }

    static RedfishError propertyValueIncorrect(String property, String value, String why) {
        return new RedfishError(400, BASE + "PropertyValueIncorrect",
                "The value " + value + " for the property " + property + " is not valid: " + why + ".",
                List.of(property, value), "Correct the value for the property in the request body and resubmit the request if the operation failed.");
    }

    static RedfishError actionParameterValue(String value, String parameter, String action, String why) {
        return new RedfishError(400, BASE + "ActionParameterValueError",
                "The value " + value + " for the parameter " + parameter + " in the action " + action + " is invalid: " + why + ".",
                List.of(value, parameter, action), "Correct the value for the parameter in the request body and resubmit the request if the operation failed.");
    }

    static RedfishError resourceInUse(String why) {
        return new RedfishError(400, BASE + "ResourceInUse",
                "The change to the requested resource failed because the resource is in use or in transition: " + why + ".",
                List.of(), "Remove the condition and resubmit the request if the operation failed.");
    }

    /** A change refused because the resource is busy with another one (409, retrying later may succeed). */
    static RedfishError resourceBusy(String why) {
        return new RedfishError(409, BASE + "ResourceInUse",
                "The change to the requested resource failed because the resource is in use or in transition: " + why + ".",
                List.of(), "Remove the condition and resubmit the request if the operation failed.");
    }

    /** iDRAC's answer to a BIOS change while a configuration job is still scheduled. */
    static RedfishError dellPendingConfiguration() {
        return new RedfishError(400, "IDRAC.2.8.SYS011",
                "Pending configuration values are already committed, unable to perform another set operation.",
                List.of(), "Wait for the scheduled job to complete or delete the configuration jobs before attempting more set attribute operations.");
    }

    static RedfishError dellJobIdInvalid(String jobId) {
        return new RedfishError(400, "IDRAC.2.8.SUP011", "Invalid Job ID " + jobId + ".", List.of(jobId),
                "Enter a valid job ID or JID_CLEARALL and retry the operation.");
    }

    /** What an injected fault answers with. */
    static RedfishError injected(int status) {
        return switch (status) {
            case 503 -> new RedfishError(503, BASE + "ServiceTemporarilyUnavailable",
                    "The service is temporarily unavailable.  Retry in 30 seconds.", List.of("30"),
                    "Wait for the indicated retry duration and retry the operation.");
            case 500 -> internal("injected fault");
            default -> new RedfishError(status, BASE + "GeneralError",
                    "A general error has occurred (injected fault, HTTP " + status + ").", List.of(),
                    "Resubmit the request.");
        };
    }

    ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", messageId);
        error.put("message", message);
        ArrayNode extended = error.putArray("@Message.ExtendedInfo");
        ObjectNode info = extended.addObject();
        info.put("@odata.type", "#Message.v1_1_1.Message");
        info.put("MessageId", messageId);
        info.put("Message", message);
        ArrayNode messageArgs = info.putArray("MessageArgs");
        args.forEach(messageArgs::add);
        info.put("Severity", status >= 500 ? "Critical" : "Warning");
        info.put("Resolution", resolution);
        return body;
    }
}
