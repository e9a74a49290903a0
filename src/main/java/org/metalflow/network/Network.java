package org.metalflow.network;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A layer-3 network machines are deployed into: its IPv4 CIDR and what a machine in it needs to know.
 *
 * @param domain     the DNS zone the machines' A records go into ({@code lab.example}); null when none
 * @param vlan       802.1Q VLAN id (1-4094) when the network is tagged on the switch; null when untagged
 * @param site       the site the network belongs to; null when there is one site
 * @param bootServer next-server (TFTP/HTTP) address machines in this network PXE-boot from; null when none
 */
public record Network(UUID id, String name, String cidr, String gateway, List<String> dnsServers, String domain,
                      Integer vlan, String site, String bootServer, Instant createdAt, Instant updatedAt) {

    public Network {
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
    }

    @JsonIgnore
    public Cidr subnet() {
        return Cidr.parse(cidr);
    }
}
