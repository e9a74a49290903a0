package org.metalflow.cm;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code metalflow.cm.system=none}: a deploy ends with the installed OS; there is nothing to hand over. */
final class NoConfigurationManagement implements ConfigurationManagement {

    @Override
    public Map<String, Object> register(UUID machineId, String certname) {
        return Map.of();
    }

    @Override
    public void admit(UUID machineId, String certname) {
    }

    @Override
    public Optional<Instant> successfulRunSince(UUID machineId, String certname, Instant since) {
        return Optional.of(since);
    }

    @Override
    public void deregister(UUID machineId, String certname) {
    }
}
