package org.metalflow.cm;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.metalflow.boot.InstallService;
import org.metalflow.network.Allocation;
import org.metalflow.network.NetworkService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A deployed machine's name in configuration management: its FQDN (deploy host name + the network's domain),
 * which is the Puppet certname and the Chef node and client name.
 */
@Component
public class Certnames {

    private final JdbcClient jdbc;
    private final InstallService installs;
    private final NetworkService networks;

    Certnames(JdbcClient jdbc, InstallService installs, NetworkService networks) {
        this.jdbc = jdbc;
        this.installs = installs;
        this.networks = networks;
    }

    /** The certname of a machine that has a deployment and an address; empty otherwise. */
    public Optional<String> of(UUID machineId) {
        return installs.findDeployment(machineId).flatMap(deployment -> networks.allocationsOf(machineId).stream()
                .filter(a -> a.network().equals(deployment.network()))
                .findFirst()
                .map(a -> deployment.hostname() + "." + a.domain()));
    }

    /** The machine whose certname this is. */
    public Optional<UUID> machineOf(String certname) {
        String name = certname.toLowerCase(Locale.ROOT);
        int dot = name.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String host = name.substring(0, dot);
        String domain = name.substring(dot + 1);
        return jdbc.sql("select machine_id from machine_deployment where hostname = :h").param("h", host)
                .query(UUID.class).list().stream()
                .filter(id -> networks.allocationsOf(id).stream().map(Allocation::domain).anyMatch(domain::equals))
                .findFirst();
    }
}
