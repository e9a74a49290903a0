package org.metalflow.network;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/networks/{name}/reserved}: an address allocation must never hand out. */
public record ReservedRequest(@NotBlank @Size(max = 64) String address, @Size(max = 255) String note) {
}
