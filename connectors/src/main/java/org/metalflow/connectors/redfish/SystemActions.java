package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Changes to a ComputerSystem: reset and boot override (only the properties that change, with If-Match).
 * Values are checked against what the BMC says it allows before anything is sent, so a refused value fails
 * fast with the allowed values in the message.
 */
final class SystemActions {

    private final RedfishTransport transport;
    private final BmcEndpoint bmc;
    private final ResourceReader reader;

    SystemActions(RedfishTransport transport, BmcEndpoint bmc) {
        this.transport = transport;
        this.bmc = bmc;
        this.reader = new ResourceReader(transport, bmc);
    }

    void reset(String systemUri, String resetType) {
        JsonNode system = reader.get(systemUri);
        String target = ResetTypes.target(system);
        if (target == null) {
            throw RedfishErrors.refused(transport.display(bmc), "system " + systemUri
                    + " offers no ComputerSystem.Reset action; ResetType " + resetType + " was not sent");
        }
        List<String> allowed = ResetTypes.allowed(reader, system);
        // A BMC that lists no values leaves the decision to the POST.
        if (!allowed.isEmpty() && !allowed.contains(resetType)) {
            throw RedfishErrors.refused(transport.display(bmc), "system " + systemUri + " does not allow ResetType "
                    + resetType + "; allowed: " + String.join(", ", allowed));
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("ResetType", resetType);
        transport.send(bmc, "POST", target, body, null);
    }

    void setBootOverride(String systemUri, BootOverride override) {
        if (override == null || override.target() == null || override.enabled() == null) {
            throw new IllegalArgumentException("a boot override needs a target and Enabled");
        }
        RedfishResponse current = reader.response(systemUri);
        JsonNode boot = Json.at(current.body(), "Boot");
        if (boot == null) {
            throw RedfishErrors.refused(transport.display(bmc), "system " + systemUri
                    + " has no Boot property; boot override " + override.target() + " was not sent");
        }
        check(systemUri, "BootSourceOverrideTarget", override.target(),
                Json.strings(boot, "BootSourceOverrideTarget@Redfish.AllowableValues"));
        if (override.mode() != null) {
            check(systemUri, "BootSourceOverrideMode", override.mode(),
                    Json.strings(boot, "BootSourceOverrideMode@Redfish.AllowableValues"));
        }
        // Only what changes: a repeated call sends nothing, and a BMC that holds the mode read-only is not
        // refused for a value it already has. Vendors needing more get it from their quirks.
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode patchBoot = patch.putObject("Boot");
        putIfChanged(patchBoot, boot, "BootSourceOverrideTarget", override.target());
        putIfChanged(patchBoot, boot, "BootSourceOverrideEnabled", override.enabled().name());
        if (override.mode() != null) {
            putIfChanged(patchBoot, boot, "BootSourceOverrideMode", override.mode());
        }
        VendorQuirksResolver.resolve(reader.serviceRoot(), current.body()).completeBootPatch(patchBoot, boot, override);
        if (patchBoot.isEmpty()) {
            return;
        }
        transport.patch(bmc, systemUri, patch, current.etag());
    }

    private static void putIfChanged(ObjectNode patchBoot, JsonNode boot, String property, String value) {
        if (!value.equals(Json.text(boot, property))) {
            patchBoot.put(property, value);
        }
    }

    private void check(String systemUri, String property, String value, List<String> allowed) {
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            throw RedfishErrors.refused(transport.display(bmc), "system " + systemUri + " does not allow " + property
                    + " " + value + "; allowed: " + String.join(", ", allowed));
        }
    }
}
