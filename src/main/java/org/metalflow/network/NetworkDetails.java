package org.metalflow.network;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/v1/networks/{name}}: the network with its pools, reserved addresses and usage. */
public record NetworkDetails(UUID id, String name, String cidr, String gateway, List<String> dnsServers,
                             String domain, Integer vlan, String site, String bootServer, List<Pool> pools,
                             List<ReservedAddress> reserved, Usage usage, Instant createdAt, Instant updatedAt) {

    static NetworkDetails of(Network n, List<Pool> pools, List<ReservedAddress> reserved, long allocated) {
        Usage usage = new Usage(pools.stream().mapToLong(Pool::size).sum(), allocated,
                pools.stream().mapToLong(Pool::free).sum());
        return new NetworkDetails(n.id(), n.name(), n.cidr(), n.gateway(), n.dnsServers(), n.domain(), n.vlan(),
                n.site(), n.bootServer(), pools, reserved, usage, n.createdAt(), n.updatedAt());
    }
}
