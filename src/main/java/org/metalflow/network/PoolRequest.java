package org.metalflow.network;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/networks/{name}/pools}: an inclusive address range inside the network's CIDR. */
public record PoolRequest(
        @NotBlank @Size(max = 63) @Pattern(regexp = Names.LABEL, message = Names.LABEL_MESSAGE) String name,
        @NotBlank @Size(max = 64) String firstAddress,
        @NotBlank @Size(max = 64) String lastAddress) {
}
