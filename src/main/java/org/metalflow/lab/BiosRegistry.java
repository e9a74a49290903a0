package org.metalflow.lab;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A vendor's BIOS attribute registry as one BMC publishes it: its name (the Bios resource's
 * {@code AttributeRegistry}, also the id under {@code /redfish/v1/Registries}), where the registry JSON
 * lives ({@code Location[0].Uri}) and the attributes it defines.
 */
record BiosRegistry(String id, String owningEntity, String registryVersion, String locationUri,
                    List<BiosAttribute> attributes) {

    BiosRegistry {
        attributes = List.copyOf(attributes);
    }

    Optional<BiosAttribute> attribute(String name) {
        return Optional.ofNullable(byName().get(name));
    }

    private Map<String, BiosAttribute> byName() {
        return attributes.stream().collect(Collectors.toMap(BiosAttribute::name, Function.identity()));
    }
}
