package org.metalflow.connectors.redfish;

/**
 * How the certificate of one BMC is trusted. BMCs mostly carry self-signed certificates, so the
 * usual choice is to pin the SHA-256 fingerprint of the leaf certificate; a CA bundle suits sites
 * that issue BMC certificates from their own CA. {@link Mode#INSECURE} must be chosen explicitly.
 *
 * @param certificateSha256 hex SHA-256 of the DER leaf certificate (colons and case ignored), for PINNED
 * @param caBundlePem       PEM certificates, for CA_BUNDLE
 */
public record TlsTrust(Mode mode, String certificateSha256, String caBundlePem) {

    public enum Mode { SYSTEM, PINNED, CA_BUNDLE, INSECURE }

    public static TlsTrust system() {
        return new TlsTrust(Mode.SYSTEM, null, null);
    }

    public static TlsTrust pinned(String certificateSha256) {
        return new TlsTrust(Mode.PINNED, certificateSha256, null);
    }

    public static TlsTrust caBundle(String pem) {
        return new TlsTrust(Mode.CA_BUNDLE, null, pem);
    }

    public static TlsTrust insecure() {
        return new TlsTrust(Mode.INSECURE, null, null);
    }
}
