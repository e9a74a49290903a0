package org.metalflow.connectors.redfish;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Trusts exactly one server certificate: the leaf whose SHA-256 over its DER encoding is the pinned value.
 * Chain and validity are deliberately not checked; the pin is the whole trust decision. Extends
 * {@link X509ExtendedTrustManager} so the JDK does not wrap it with its own endpoint checks.
 * With {@code expectedSha256 == null} every certificate is accepted (the explicit INSECURE mode).
 */
final class PinnedLeafTrustManager extends X509ExtendedTrustManager {

    /** The presented certificate does not match the pin; carries the fingerprint it did present. */
    static final class PinMismatchException extends CertificateException {
        private final String presentedSha256;

        PinMismatchException(String presentedSha256) {
            super("server certificate SHA-256 " + presentedSha256 + " does not match the pinned fingerprint");
            this.presentedSha256 = presentedSha256;
        }

        String presentedSha256() {
            return presentedSha256;
        }
    }

    private final byte[] expected;

    private PinnedLeafTrustManager(byte[] expected) {
        this.expected = expected;
    }

    static PinnedLeafTrustManager pinned(String sha256Hex) {
        return new PinnedLeafTrustManager(parseFingerprint(sha256Hex));
    }

    static PinnedLeafTrustManager acceptAll() {
        return new PinnedLeafTrustManager(null);
    }

    /** Hex SHA-256 with or without colons, any case. */
    static byte[] parseFingerprint(String sha256Hex) {
        if (sha256Hex == null) {
            throw new IllegalArgumentException("PINNED trust needs a certificate SHA-256 fingerprint");
        }
        String hex = sha256Hex.replace(":", "").replace(" ", "").trim().toLowerCase(Locale.ROOT);
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a SHA-256 fingerprint has 64 hex digits, got " + hex.length());
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the pinned fingerprint is not hexadecimal", e);
        }
    }

    /** Colon-separated lower-case hex SHA-256 of the DER encoding, the form operators copy from browsers. */
    static String fingerprint(X509Certificate certificate) {
        return HexFormat.ofDelimiter(":").formatHex(sha256(certificate));
    }

    private static byte[] sha256(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("server presented no certificate");
        }
        if (expected != null && !MessageDigest.isEqual(expected, sha256(chain[0]))) {
            throw new PinMismatchException(fingerprint(chain[0]));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
