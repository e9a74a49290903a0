package org.metalflow.network;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An address allocated to one NIC of a machine, with what the deploy process needs to configure DHCP, DNS and
 * the installer: the network's CIDR, gateway, DNS servers, domain, VLAN and boot server.
 *
 * @param network      the network's name
 * @param address      dotted IPv4 address
 * @param prefixLength of the network, e.g. 16 for 10.88.0.0/16
 * @param pool         the pool the address came from
 * @param mac          lower-case, colon-separated
 */
public record Allocation(UUID id, String network, String cidr, String address, int prefixLength, String gateway,
                         List<String> dnsServers, String domain, Integer vlan, String bootServer, String pool,
                         String mac, String hostname, UUID machineId, Instant createdAt) {

    public Allocation {
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
    }
}
