package org.metalflow.cm;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The hand-off of a deployed machine to a configuration-management system, as the deploy and release steps
 * need it. One implementation per system ({@code metalflow.cm.system}); every method converges.
 */
interface ConfigurationManagement extends AutoCloseable {

    /**
     * Before the install: whatever the installer must carry (Chef: the node and its client, whose key the
     * install template writes). Returns values for the install template, under {@code cm.*}.
     */
    Map<String, Object> register(UUID machineId, String certname);

    /** After the installer reported: admit the node (Puppet: sign its certificate request). */
    void admit(UUID machineId, String certname);

    /** The time of the node's last successful run, if one happened at or after {@code since}. */
    java.util.Optional<Instant> successfulRunSince(UUID machineId, String certname, Instant since);

    /** The node is forgotten (Puppet: certificate revoked and cleaned; Chef: node and client deleted). */
    void deregister(UUID machineId, String certname);

    @Override
    default void close() {
    }
}
