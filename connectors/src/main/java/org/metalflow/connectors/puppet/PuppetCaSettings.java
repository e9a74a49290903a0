package org.metalflow.connectors.puppet;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Puppet CA is and the client certificate the platform presents to it (mutual TLS). Puppet Server's
 * auth.conf must allow that certificate's certname on {@code /puppet-ca/v1/certificate_status}. The private key is
 * never part of {@link #toString()} nor of any message.
 *
 * @param caUrl                the CA service, e.g. {@code https://puppet.example.org:8140} (a trailing
 *                             {@code /puppet-ca/v1} is accepted); its certificate must name this host
 * @param caCertificatePem     the Puppet CA certificate(s) the server's certificate is checked against
 * @param clientCertificatePem the platform's client certificate, signed by the Puppet CA
 * @param clientKeyPem         its private key, PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA ({@code BEGIN RSA
 *                             PRIVATE KEY}, what Puppet writes), unencrypted
 * @param timeout              limit of one HTTP call (connect, send, answer); 10 s when null
 */
public record PuppetCaSettings(URI caUrl, String caCertificatePem, String clientCertificatePem, String clientKeyPem,
                               Duration timeout) {

    public PuppetCaSettings {
        Objects.requireNonNull(caUrl, "caUrl");
        Objects.requireNonNull(caCertificatePem, "caCertificatePem");
        Objects.requireNonNull(clientCertificatePem, "clientCertificatePem");
        Objects.requireNonNull(clientKeyPem, "clientKeyPem");
        if (!"https".equalsIgnoreCase(caUrl.getScheme())) {
            throw new IllegalArgumentException("the Puppet CA URL must be https: " + caUrl);
        }
        String url = caUrl.toString();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.endsWith("/puppet-ca/v1")) {
            url = url.substring(0, url.length() - "/puppet-ca/v1".length());
        }
        caUrl = URI.create(url);
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
    }

    /**
     * Settings with a 10 s timeout. Each of {@code caCertificate}, {@code clientCertificate} and {@code clientKey} is
     * either PEM text or the path of a PEM file.
     *
     * @throws IllegalArgumentException when a file cannot be read (the message names the path, not the content)
     */
    public static PuppetCaSettings of(String caUrl, String caCertificate, String clientCertificate, String clientKey) {
        return new PuppetCaSettings(URI.create(caUrl), pemOrFile(caCertificate, "CA certificate"),
                pemOrFile(clientCertificate, "client certificate"), pemOrFile(clientKey, "client key"), null);
    }

    public PuppetCaSettings withTimeout(Duration newTimeout) {
        return new PuppetCaSettings(caUrl, caCertificatePem, clientCertificatePem, clientKeyPem, newTimeout);
    }

    /** How messages name the server: {@code Puppet CA https://puppet.example.org:8140}. */
    public String describe() {
        return "Puppet CA " + caUrl;
    }

    @Override
    public String toString() {
        return "PuppetCaSettings[" + caUrl + ", timeout=" + timeout + "]";
    }

    private static String pemOrFile(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.contains("-----BEGIN ")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value.strip()), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the Puppet " + what + " from " + value.strip() + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
