package org.metalflow.inventory;

/**
 * How the platform trusts one BMC's TLS certificate: {@code pinned} to a SHA-256 fingerprint, a
 * {@code ca-bundle}, the JVM's {@code system} trust store, or {@code insecure} (explicitly chosen, and
 * shown in the API so nobody is surprised).
 */
public record BmcTls(Mode mode, String certificateSha256, String caBundle) {

    public enum Mode {
        system, pinned, ca_bundle, insecure
    }
}
