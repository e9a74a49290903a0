package org.metalflow.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/machines}: a name and how to reach the machine's BMC. */
public record MachineRegistration(
        @NotBlank @Size(max = 63)
        @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?",
                message = "must be an RFC 1123 host label: lower-case letters, digits and '-', not at either end")
        String name,
        @NotNull @Valid Bmc bmc) {

    /**
     * @param address  {@code https://host[:port]} of the BMC (http only for labs and mockup servers)
     * @param systemId which ComputerSystem of a multi-system BMC (blade enclosures); empty for the first
     */
    public record Bmc(
            @NotBlank @Size(max = 255) String address,
            @NotBlank @Size(max = 255) String username,
            @NotBlank @Size(max = 255) String password,
            @Valid Tls tls,
            @Size(max = 255) String systemId) {

        @Override
        public String toString() {
            return "Bmc[address=" + address + ", username=" + username + ", tls=" + tls + "]";
        }
    }

    /** Set at most one: a pinned certificate fingerprint, a CA bundle, or insecure; none means the JVM's trust. */
    public record Tls(
            @Pattern(regexp = "([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}",
                    message = "must be the SHA-256 of the certificate: 64 hex digits, colons allowed")
            String certificateSha256,
            @Size(max = 20000) String caBundle,
            Boolean insecure) {
    }
}
