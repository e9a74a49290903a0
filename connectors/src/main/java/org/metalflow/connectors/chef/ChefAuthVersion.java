package org.metalflow.connectors.chef;

/**
 * The version of Chef's signed-header authentication protocol ({@code X-Ops-Sign}).
 *
 * <ul>
 *   <li>{@link #V1_0}: SHA-1 hashes of path and body; the canonical request itself is RSA-encrypted with the
 *       private key (PKCS#1 v1.5, block type 1, no digest). Every Chef server since 0.10 and goiardi accept it.
 *   <li>{@link #V1_3}: SHA-256 body hash and a {@code SHA256withRSA} signature over a canonical request that also
 *       covers {@code X-Ops-Sign} and {@code X-Ops-Server-API-Version}. Chef Infra Server 12.4+ accepts it;
 *       goiardi 0.11 does not.
 * </ul>
 */
public enum ChefAuthVersion {
    V1_0("1.0", "sha1"),
    V1_3("1.3", "sha256");

    private final String version;
    private final String algorithm;

    ChefAuthVersion(String version, String algorithm) {
        this.version = version;
        this.algorithm = algorithm;
    }

    /** {@code 1.0} or {@code 1.3}. */
    public String version() {
        return version;
    }

    /** {@code sha1} or {@code sha256}, as named in the {@code X-Ops-Sign} header. */
    public String algorithm() {
        return algorithm;
    }

    /** Accepts {@code 1.0}, {@code 1.3}, {@code V1_0}, {@code V1_3}. */
    public static ChefAuthVersion parse(String text) {
        String value = text == null ? "" : text.strip();
        for (ChefAuthVersion candidate : values()) {
            if (candidate.version.equals(value) || candidate.name().equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Chef authentication protocol version must be 1.0 or 1.3, not '" + value + "'");
    }
}
