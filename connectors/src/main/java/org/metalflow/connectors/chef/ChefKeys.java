package org.metalflow.connectors.chef;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the RSA private keys Chef servers hand out, with the JDK only: PKCS#1 PEM ({@code BEGIN RSA PRIVATE
 * KEY}, what Chef Infra Server and goiardi write) and unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}).
 * Messages never quote the key.
 */
public final class ChefKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM = {
            0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private ChefKeys() {
    }

    /**
     * The private key in {@code pem}.
     *
     * @param what how messages name the key, e.g. {@code "the key of client metalflow"}
     * @throws IllegalArgumentException when it is no unencrypted RSA private key in PEM form
     */
    public static RSAPrivateCrtKey privateKey(String pem, String what) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException(what + " is not a PEM block (expected -----BEGIN RSA PRIVATE KEY----- or"
                    + " -----BEGIN PRIVATE KEY-----)");
        }
        String type = matcher.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " (" + type + ") is not valid base64");
        }
        byte[] pkcs8 = switch (type) {
            case "RSA PRIVATE KEY" -> {
                if (pem.contains("Proc-Type: 4,ENCRYPTED")) {
                    throw new IllegalArgumentException(what + " is encrypted with a passphrase; Chef keys are used"
                            + " unencrypted (openssl rsa -in KEY -out PLAIN)");
                }
                yield wrapPkcs1(der);
            }
            case "PRIVATE KEY" -> der;
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(what + " is an encrypted PKCS#8 key;"
                    + " Chef keys are used unencrypted (openssl pkcs8 -in KEY -nocrypt -topk8 -out PLAIN)");
            default -> throw new IllegalArgumentException(what + " is a PEM " + type + ", not an RSA private key");
        };
        try {
            if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)) instanceof RSAPrivateCrtKey key) {
                return key;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " (" + type + ") cannot be read as an RSA private key: "
                    + e.getClass().getSimpleName());
        }
        throw new IllegalArgumentException(what + " (" + type + ") lacks the CRT parameters of an RSA private key");
    }

    /** The public half of {@code key} (modulus and public exponent). */
    public static RSAPublicKey publicKey(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot build an RSA public key", e);
        }
    }

    /** PKCS#8 PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { the PKCS#1 RSAPrivateKey } }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        body.writeBytes(derLength(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        sequence.write(0x30);
        sequence.writeBytes(derLength(body.size()));
        sequence.writeBytes(body.toByteArray());
        return sequence.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        byte[] encoded = new byte[bytes + 1];
        encoded[0] = (byte) (0x80 | bytes);
        for (int i = bytes; i > 0; i--) {
            encoded[i] = (byte) length;
            length >>>= 8;
        }
        return encoded;
    }
}
