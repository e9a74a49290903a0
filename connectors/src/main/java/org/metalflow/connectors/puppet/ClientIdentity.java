package org.metalflow.connectors.puppet;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The TLS material of a {@link PuppetCaSettings}: trusted CA certificates and the client certificate with its key.
 * Reads the PKCS#1 RSA keys Puppet writes ({@code BEGIN RSA PRIVATE KEY}) as well as PKCS#8; okhttp-tls alone reads
 * only PKCS#8.
 */
final class ClientIdentity {

    private static final Pattern CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", Pattern.DOTALL);
    private static final Pattern KEY =
            Pattern.compile("-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----(.+?)-----END \\1-----", Pattern.DOTALL);
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL } */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private final HandshakeCertificates handshake;
    private final String clientSubject;

    private ClientIdentity(HandshakeCertificates handshake, String clientSubject) {
        this.handshake = handshake;
        this.clientSubject = clientSubject;
    }

    /** @throws IllegalArgumentException when a PEM is missing, unreadable, or the key does not belong to the certificate */
    static ClientIdentity of(PuppetCaSettings settings) {
        List<X509Certificate> trusted = certificates(settings.caCertificatePem(), "CA certificate");
        List<X509Certificate> chain = certificates(settings.clientCertificatePem(), "client certificate");
        X509Certificate client = chain.get(0);
        String subject = client.getSubjectX500Principal().getName();
        PrivateKey key = privateKey(settings.clientKeyPem(), client.getPublicKey().getAlgorithm(), subject);
        if (key instanceof RSAPrivateCrtKey rsaKey && client.getPublicKey() instanceof RSAPublicKey rsaPublic
                && !rsaKey.getModulus().equals(rsaPublic.getModulus())) {
            throw new IllegalArgumentException("the Puppet client key does not belong to the client certificate " + subject);
        }
        HandshakeCertificates.Builder builder = new HandshakeCertificates.Builder();
        trusted.forEach(builder::addTrustedCertificate);
        builder.heldCertificate(new HeldCertificate(new KeyPair(client.getPublicKey(), key), client),
                chain.subList(1, chain.size()).toArray(X509Certificate[]::new));
        return new ClientIdentity(builder.build(), subject);
    }

    HandshakeCertificates handshake() {
        return handshake;
    }

    /** The client certificate's subject, e.g. {@code CN=metalflow-api}: how messages say which certificate was used. */
    String clientSubject() {
        return clientSubject;
    }

    private static List<X509Certificate> certificates(String pem, String what) {
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher matcher = CERTIFICATE.matcher(pem);
        while (matcher.find()) {
            try {
                certificates.add(Certificates.decodeCertificatePem(matcher.group()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the Puppet " + what + " is not a valid PEM certificate", e);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("the Puppet " + what + " contains no PEM certificate");
        }
        return certificates;
    }

    private static PrivateKey privateKey(String pem, String algorithm, String subject) {
        Matcher matcher = KEY.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException("the Puppet client key for " + subject + " contains no PEM private key");
        }
        String type = matcher.group(1);
        if (!type.equals("PRIVATE KEY") && !type.equals("RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("the Puppet client key for " + subject + " is a " + type
                    + "; use an unencrypted PKCS#8 (BEGIN PRIVATE KEY) or PKCS#1 RSA key"
                    + " (openssl pkcs8 -topk8 -nocrypt converts it)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(matcher.group(2).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Puppet client key for " + subject + " is not valid base64");
        }
        if (type.equals("RSA PRIVATE KEY")) {
            der = pkcs8OfPkcs1(der);
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the Puppet client key for " + subject + " is not a valid " + algorithm
                    + " private key", e);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 } (RFC 5208). */
    private static byte[] pkcs8OfPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(RSA_ALGORITHM);
        content.write(0x04);
        content.writeBytes(derLength(pkcs1.length));
        content.writeBytes(pkcs1);
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        sequence.write(0x30);
        sequence.writeBytes(derLength(content.size()));
        sequence.writeBytes(content.toByteArray());
        return sequence.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        byte[] digits = BigInteger.valueOf(length).toByteArray();
        int skip = digits[0] == 0 ? 1 : 0;
        byte[] encoded = new byte[digits.length - skip + 1];
        encoded[0] = (byte) (0x80 | (digits.length - skip));
        System.arraycopy(digits, skip, encoded, 1, digits.length - skip);
        return encoded;
    }
}
