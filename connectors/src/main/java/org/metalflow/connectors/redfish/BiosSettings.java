package org.metalflow.connectors.redfish;

import java.util.List;
import java.util.Map;

/**
 * A system's BIOS: the attributes in effect, the ones waiting for the next reset, and how to change them.
 *
 * @param current              {@code Bios.Attributes}
 * @param pending              attributes in the {@code @Redfish.Settings} object that differ from current
 *                             (empty when nothing waits for a reset)
 * @param settingsUri          where changes are PATCHed ({@code @Redfish.Settings.SettingsObject}), or the Bios
 *                             resource itself when the BMC has no settings object
 * @param supportedApplyTimes  {@code @Redfish.SettingsApplyTime} values the BMC accepts, empty when it says none
 * @param registry             allowed attributes and values from the attribute registry; empty when the BMC
 *                             publishes none
 */
public record BiosSettings(Map<String, Object> current, Map<String, Object> pending, String settingsUri,
                           List<String> supportedApplyTimes, Map<String, BiosAttribute> registry) {

    /**
     * One attribute of the registry.
     *
     * @param values allowed values for Enumeration attributes, empty otherwise
     */
    public record BiosAttribute(String name, String type, boolean readOnly, List<String> values,
                                Long lowerBound, Long upperBound) {
    }
}
