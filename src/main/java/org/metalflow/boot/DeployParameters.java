package org.metalflow.boot;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.api.ProblemException;
import org.metalflow.inventory.ActionParameters;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineAction;
import org.metalflow.network.NetworkService;
import org.metalflow.roles.RoleService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The parameters of {@code deploy}: {@code network} (where the machine gets its address), {@code os} (from the
 * OS catalog), {@code hostname} (an RFC 1123 label; the machine's name when it is one) and {@code roles}
 * (what configuration management makes of it; the roles it has when left out). Checked and stored
 * before the process starts, so the process reads them by machine id and carries no copy.
 */
@Component
class DeployParameters implements ActionParameters {

    static final Pattern HOSTNAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Set<String> KNOWN = Set.of("network", "os", "hostname", "roles");

    private final DeploymentRepository deployments;
    private final OsCatalog catalog;
    private final NetworkService networks;
    private final DeployDefaults defaults;
    private final Clock clock;
    private final RoleService roles;

    DeployParameters(DeploymentRepository deployments, OsCatalog catalog, NetworkService networks,
                     DeployDefaults defaults, Clock clock, RoleService roles) {
        this.roles = roles;
        this.deployments = deployments;
        this.catalog = catalog;
        this.networks = networks;
        this.defaults = defaults;
        this.clock = clock;
    }

    @Override
    public MachineAction action() {
        return MachineAction.DEPLOY;
    }

    @Override
    public Map<String, Object> accept(Machine machine, Map<String, Object> parameters, String actor) {
        for (String key : parameters.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new InvalidFieldException(key, "is not a deploy parameter; use " + KNOWN);
            }
        }
        String network = text(parameters, "network", defaults.network());
        String os = text(parameters, "os", defaults.os());
        String hostname = text(parameters, "hostname", HOSTNAME.matcher(machine.name()).matches() ? machine.name() : null);
        if (network == null) {
            throw new InvalidFieldException("network", "is required (the network the machine gets its address in)");
        }
        try {
            networks.network(network);
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw new InvalidFieldException("network", "'" + network + "' is not a network");
            }
            throw e;
        }
        if (os == null) {
            throw new InvalidFieldException("os", "is required; one of " + catalog.all().stream().map(OsImage::name).toList());
        }
        if (catalog.find(os).isEmpty()) {
            throw new InvalidFieldException("os", "'" + os + "' is not in the OS catalog; one of "
                    + catalog.all().stream().map(OsImage::name).toList());
        }
        if (hostname == null || !HOSTNAME.matcher(hostname).matches()) {
            throw new InvalidFieldException("hostname", "must be an RFC 1123 label: lower-case letters, digits and "
                    + "hyphens, 1 to 63 characters, not starting or ending with a hyphen");
        }
        if (BootNic.macOf(machine).isEmpty()) {
            throw new ProblemException(HttpStatus.CONFLICT, null, "machine " + machine.name()
                    + " has no NIC with a MAC address on record; inspect it first");
        }
        Object roleNames = parameters.get("roles");
        if (roleNames != null) {
            if (!(roleNames instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                throw new InvalidFieldException("roles", "must be a list of role names");
            }
            roles.assign(machine.id(), list.stream().map(String.class::cast).toList(), "roles");
        }
        deployments.request(machine.id(), network, os, hostname, actor, clock.instant());
        return Map.of();
    }

    private static String text(Map<String, Object> parameters, String key, String fallback) {
        Object value = parameters.get(key);
        if (value == null) {
            return fallback == null || fallback.isBlank() ? null : fallback;
        }
        if (!(value instanceof String s)) {
            throw new InvalidFieldException(key, "must be a string");
        }
        return s;
    }
}
