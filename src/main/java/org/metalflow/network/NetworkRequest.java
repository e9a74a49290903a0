package org.metalflow.network;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/v1/networks} and {@code PUT /api/v1/networks/{name}}. The address fields are checked
 * by {@link NetworkSettings}, which knows the CIDR they must fit.
 */
public record NetworkRequest(
        @NotBlank @Size(max = 63) @Pattern(regexp = Names.LABEL, message = Names.LABEL_MESSAGE) String name,
        @NotBlank @Size(max = 64) String cidr,
        @Size(max = 64) String gateway,
        @Size(max = 8) List<String> dnsServers,
        @Size(max = 253) @Pattern(regexp = Names.DOMAIN, message = Names.DOMAIN_MESSAGE) String domain,
        @Min(1) @Max(4094) Integer vlan,
        @Size(max = 63) @Pattern(regexp = Names.LABEL, message = Names.LABEL_MESSAGE) String site,
        @Size(max = 64) String bootServer) {

    public NetworkRequest {
        dnsServers = dnsServers == null ? List.of() : dnsServers;
    }
}
