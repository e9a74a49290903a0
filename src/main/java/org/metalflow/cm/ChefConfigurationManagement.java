package org.metalflow.cm;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.metalflow.connectors.chef.ChefException;
import org.metalflow.connectors.chef.ChefServer;
import org.metalflow.roles.RoleService;
import org.metalflow.workflow.BusinessFailure;

/**
 * {@code metalflow.cm.system=chef}: the node (run list of the machine's roles, environment, the machine id as a
 * normal attribute) and its client are created before the install, the client key travels to the installer
 * through the install template; the first successful run is the node's {@code ohai_time}; release deletes both.
 */
final class ChefConfigurationManagement implements ConfigurationManagement {

    static final String REJECTED = "CM_REJECTED";

    private final ChefServer chef;
    private final RoleService roles;
    private final String environment;

    ChefConfigurationManagement(ChefServer chef, RoleService roles, String environment) {
        this.chef = chef;
        this.roles = roles;
        this.environment = environment;
    }

    @Override
    public Map<String, Object> register(UUID machineId, String certname) {
        return call(() -> {
            chef.ensureNode(certname, roles.chefRunList(machineId), environment,
                    Map.of("metalflow", Map.of("machine_id", machineId.toString(), "roles", roles.rolesOf(machineId))));
            String key = chef.createClient(certname);
            return Map.of("chefServerUrl", chef.settings().serverUrl().toString(), "certname", certname,
                    "chefClientKeyBase64", Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII)));
        });
    }

    @Override
    public void admit(UUID machineId, String certname) {
        // the node's client exists since registration: chef-client authenticates with its key
    }

    @Override
    public Optional<Instant> successfulRunSince(UUID machineId, String certname, Instant since) {
        return call(() -> chef.node(certname).map(node -> node.ohaiTime())
                .filter(ohai -> ohai != null && !ohai.isBefore(since)));
    }

    @Override
    public void deregister(UUID machineId, String certname) {
        call(() -> {
            chef.deleteNode(certname);
            chef.deleteClient(certname);
            return null;
        });
    }

    @Override
    public void close() {
        chef.close();
    }

    private static <T> T call(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ChefException e) {
            throw e.transientFailure() ? e : new BusinessFailure(REJECTED, e.getMessage());
        }
    }
}
