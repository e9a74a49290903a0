package org.metalflow.lab;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BIOS of one BMC: current attributes, the settings object holding pending ones, and the attribute
 * registry both as an entry of {@code /redfish/v1/Registries} and as the JSON its {@code Location} names.
 */
final class BiosResources {

    private final ResourceKit kit;
    private final SimulatedBmc bmc;
    private final BmcUris uris;
    private final VendorPersonality personality;
    private final BiosRegistry registry;

    BiosResources(ResourceKit kit, SimulatedBmc bmc, MachineSpec spec, BmcUris uris) {
        this.kit = kit;
        this.bmc = bmc;
        this.uris = uris;
        this.personality = kit.personality();
        this.registry = personality.biosRegistry(spec, uris.system());
    }

    void register(ResourceKit.Registrar registrar) {
        registrar.add(personality.biosUri(uris.system()), this::bios);
        registrar.add(personality.biosSettingsUri(uris.system()), this::settings);
        registrar.add(uris.registries(), () -> kit.collection(uris.registries(), "MessageRegistryFileCollection",
                "Registry File Collection", List.of(registryFileUri())));
        registrar.add(registryFileUri(), this::registryFile);
        registrar.add(registry.locationUri(), this::registry);
    }

    private String registryFileUri() {
        return uris.registries() + "/" + registry.id();
    }

    private ObjectNode bios() {
        String uri = personality.biosUri(uris.system());
        ObjectNode bios = kit.resource(uri, "#Bios.v1_2_0.Bios");
        bios.put("Id", personality.caseInsensitiveUris() ? "bios" : "Bios");
        bios.put("Name", "BIOS Configuration Current Settings");
        bios.put("AttributeRegistry", registry.id());
        attributes(bios.putObject("Attributes"), bmc.biosAttributes());
        ObjectNode settings = bios.putObject("@Redfish.Settings");
        settings.put("@odata.type", "#Settings.v1_3_3.Settings");
        ResourceKit.link(settings, "SettingsObject", personality.biosSettingsUri(uris.system()));
        if (!personality.biosApplyTimes().isEmpty()) {
            ResourceKit.strings(settings.putArray("SupportedApplyTimes"), personality.biosApplyTimes());
        }
        ObjectNode actions = bios.putObject("Actions");
        actions.putObject("#Bios.ResetBios").put("target", uri + "/Actions/Bios.ResetBios");
        actions.putObject("#Bios.ChangePassword").put("target", uri + "/Actions/Bios.ChangePassword");
        return kit.finish(bios);
    }

    /** iDRAC lists only what is pending; iLO lists everything as it will be after the next boot. */
    ObjectNode settings() {
        ObjectNode settings = kit.resource(personality.biosSettingsUri(uris.system()), "#Bios.v1_2_0.Bios");
        settings.put("Id", personality.caseInsensitiveUris() ? "settings" : "Settings");
        settings.put("Name", "BIOS Configuration Pending Settings");
        settings.put("AttributeRegistry", registry.id());
        Map<String, Object> shown = new LinkedHashMap<>();
        if (personality.biosSettingsListAll()) {
            shown.putAll(bmc.biosAttributes());
        }
        shown.putAll(bmc.biosPending());
        attributes(settings.putObject("Attributes"), shown);
        if (personality.biosChangesAreJobs()) {
            ResourceKit.link(settings.putObject("Oem").putObject("Dell"), "Jobs", uris.dellJobs());
        }
        return kit.finish(settings);
    }

    private ObjectNode registryFile() {
        ObjectNode file = kit.resource(registryFileUri(), "#MessageRegistryFile.v1_1_3.MessageRegistryFile");
        file.put("Id", registry.id());
        file.put("Name", "BIOS Attribute Registry File");
        file.put("Description", "BIOS Attribute Registry File locations");
        file.put("Registry", registry.id());
        file.putArray("Languages").add("en");
        ObjectNode location = file.putArray("Location").addObject();
        location.put("Language", "en");
        location.put("Uri", registry.locationUri());
        return kit.finish(file);
    }

    private ObjectNode registry() {
        ObjectNode node = kit.resource(registry.locationUri(), "#AttributeRegistry.v1_3_6.AttributeRegistry");
        node.put("Id", registry.id());
        node.put("Name", "BIOS Attribute Registry");
        node.put("Description", "This registry defines a representation of BIOS Attribute instances");
        node.put("Language", "en");
        node.put("OwningEntity", registry.owningEntity());
        node.put("RegistryVersion", registry.registryVersion());
        MachineSpec spec = bmc.spec();
        ObjectNode system = node.putArray("SupportedSystems").addObject();
        system.put("ProductName", spec.model().name());
        system.put("SystemId", spec.sku());
        system.put("FirmwareVersion", spec.biosVersion());
        Map<String, Object> defaults = personality.biosAttributes(spec);
        ArrayNode entries = node.putObject("RegistryEntries").putArray("Attributes");
        int order = 0;
        for (BiosAttribute attribute : registry.attributes()) {
            ObjectNode entry = entries.addObject();
            entry.put("AttributeName", attribute.name());
            entry.put("DisplayName", attribute.displayName());
            entry.put("DisplayOrder", ++order);
            entry.put("Type", attribute.type());
            entry.put("ReadOnly", attribute.readOnly());
            entry.put("Hidden", false);
            entry.put("Immutable", false);
            entry.put("ResetRequired", true);
            entry.set("DefaultValue", kit.mapper().valueToTree(defaults.get(attribute.name())));
            if (!attribute.values().isEmpty()) {
                ArrayNode values = entry.putArray("Value");
                attribute.values().forEach(v -> values.addObject().put("ValueName", v).put("ValueDisplayName", v));
            }
            if (attribute.lowerBound() != null) {
                entry.put("LowerBound", attribute.lowerBound());
                entry.put("UpperBound", attribute.upperBound());
            }
            if (attribute.maxLength() > 0) {
                entry.put("MinLength", 0);
                entry.put("MaxLength", attribute.maxLength());
            }
        }
        return node;
    }

    private void attributes(ObjectNode target, Map<String, Object> values) {
        values.forEach((name, value) -> target.set(name, kit.mapper().valueToTree(value)));
    }
}
