package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stages BIOS attribute changes in the {@code @Redfish.Settings} object, to apply at the next reset. Checks
 * the values against the registry first and sends only attributes not already current or pending.
 */
final class BiosWriter {

    private static final String ON_RESET = "OnReset";

    private final RedfishTransport transport;
    private final BmcEndpoint bmc;
    private final ResourceReader reader;

    BiosWriter(RedfishTransport transport, BmcEndpoint bmc) {
        this.transport = transport;
        this.bmc = bmc;
        this.reader = new ResourceReader(transport, bmc);
    }

    void set(String systemUri, Map<String, Object> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return;
        }
        BiosReader.State state = new BiosReader(reader).read(systemUri, true);
        BiosSettings settings = state.settings();
        List<String> problems = BiosValues.problems(attributes, settings.registry(), settings.current());
        if (!problems.isEmpty()) {
            throw RedfishErrors.refused(reader.display(), "BIOS of system " + systemUri + " would refuse: "
                    + String.join("; ", problems) + "; nothing was sent");
        }
        Map<String, Object> changes = changes(attributes, settings, true);
        if (changes.isEmpty()) {
            return;
        }
        try {
            transport.patch(bmc, settings.settingsUri(), body(changes, settings), state.settingsEtag());
        } catch (RedfishException refusal) {
            VendorQuirks quirks = VendorQuirksResolver.resolve(reader.serviceRoot(), state.system());
            if (!quirks.clearBiosBlocker(transport, bmc, state.system(), state.settingsObject(), refusal)) {
                throw refusal;
            }
            // clearing the blocking job dropped what was pending, ours included: send everything not yet current
            transport.patch(bmc, settings.settingsUri(), body(changes(attributes, settings, false), settings), null);
        }
    }

    /** The wanted attributes not already in effect (nor, when {@code pendingCounts}, already pending). */
    private static Map<String, Object> changes(Map<String, Object> wanted, BiosSettings settings,
                                               boolean pendingCounts) {
        Map<String, Object> changes = new LinkedHashMap<>();
        wanted.forEach((name, value) -> {
            boolean pending = pendingCounts && settings.pending().containsKey(name);
            boolean alreadyThere = pending ? BiosValues.same(settings.pending().get(name), value)
                    : settings.current().containsKey(name) && BiosValues.same(settings.current().get(name), value);
            if (!alreadyThere) {
                changes.put(name, value);
            }
        });
        return changes;
    }

    private static ObjectNode body(Map<String, Object> changes, BiosSettings settings) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("Attributes", Json.MAPPER.valueToTree(changes));
        // Only a BMC that lists its apply times is told one: iLO 5 lists none and refuses the property,
        // and without it a settings object applies at the next reset anyway.
        if (settings.supportedApplyTimes().contains(ON_RESET)) {
            body.putObject("@Redfish.SettingsApplyTime").put("ApplyTime", ON_RESET);
        }
        return body;
    }
}
