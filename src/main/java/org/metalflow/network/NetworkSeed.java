package org.metalflow.network;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A network as a seed file describes it: the network's settings with its pools and reserved addresses. */
record NetworkSeed(
        @NotBlank @Size(max = 63) @Pattern(regexp = Names.LABEL, message = Names.LABEL_MESSAGE) String name,
        @NotBlank @Size(max = 64) String cidr,
        @Size(max = 64) String gateway,
        @Size(max = 8) List<String> dnsServers,
        @Size(max = 253) @Pattern(regexp = Names.DOMAIN, message = Names.DOMAIN_MESSAGE) String domain,
        @Min(1) @Max(4094) Integer vlan,
        @Size(max = 63) @Pattern(regexp = Names.LABEL, message = Names.LABEL_MESSAGE) String site,
        @Size(max = 64) String bootServer,
        List<@Valid PoolRequest> pools,
        List<@Valid ReservedRequest> reserved) {

    NetworkSeed {
        pools = pools == null ? List.of() : List.copyOf(pools);
        reserved = reserved == null ? List.of() : List.copyOf(reserved);
    }

    NetworkRequest network() {
        return new NetworkRequest(name, cidr, gateway, dnsServers, domain, vlan, site, bootServer);
    }
}
