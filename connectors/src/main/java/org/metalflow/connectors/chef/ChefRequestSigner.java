package org.metalflow.connectors.chef;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;

/**
 * Signs requests with Chef's signed-header authentication protocol (the one Mixlib::Authentication implements),
 * version 1.0 or 1.3. Produces {@code X-Ops-Sign}, {@code X-Ops-Userid}, {@code X-Ops-Timestamp},
 * {@code X-Ops-Content-Hash}, {@code X-Ops-Authorization-1..N} (the base64 signature in 60-character pieces)
 * and, for 1.3, {@code X-Ops-Server-API-Version}. Thread-safe; {@link #toString()} names the client, never the key.
 */
public final class ChefRequestSigner {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int LINE = 60;

    private final String clientName;
    private final RSAPrivateCrtKey key;
    private final ChefAuthVersion version;
    private final String serverApiVersion;

    /**
     * @param serverApiVersion the value of {@code X-Ops-Server-API-Version}, which version 1.3 signs
     */
    public ChefRequestSigner(String clientName, RSAPrivateCrtKey key, ChefAuthVersion version, String serverApiVersion) {
        this.clientName = Objects.requireNonNull(clientName, "clientName");
        this.key = Objects.requireNonNull(key, "key");
        this.version = Objects.requireNonNull(version, "version");
        this.serverApiVersion = Objects.requireNonNull(serverApiVersion, "serverApiVersion");
    }

    /**
     * The authentication headers of one request, in the order the protocol lists them.
     *
     * @param method the HTTP method (any case)
     * @param path   the URL path as sent, without query string (query strings are not signed)
     * @param body   the exact body bytes sent; empty for none
     */
    public Map<String, String> sign(String method, String path, byte[] body, Instant now) {
        String timestamp = TIMESTAMP.format(now.truncatedTo(ChronoUnit.SECONDS));
        String contentHash = hash(body);
        String canonical = canonicalRequest(method, path, contentHash, timestamp);
        String signature = Base64.getEncoder().encodeToString(signature(canonical));

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Ops-Sign", "algorithm=" + version.algorithm() + ";version=" + version.version() + ";");
        headers.put("X-Ops-Userid", clientName);
        headers.put("X-Ops-Timestamp", timestamp);
        headers.put("X-Ops-Content-Hash", contentHash);
        for (int start = 0, n = 1; start < signature.length(); start += LINE, n++) {
            headers.put("X-Ops-Authorization-" + n, signature.substring(start, Math.min(signature.length(), start + LINE)));
        }
        if (version == ChefAuthVersion.V1_3) {
            headers.put("X-Ops-Server-API-Version", serverApiVersion);
        }
        return headers;
    }

    /** The string the protocol signs, for a body whose hash is already known. */
    String canonicalRequest(String method, String path, String contentHash, String timestamp) {
        String canonicalPath = canonicalPath(path);
        String verb = method.toUpperCase(Locale.ROOT);
        if (version == ChefAuthVersion.V1_0) {
            return "Method:" + verb + "\n"
                    + "Hashed Path:" + hash(canonicalPath.getBytes(StandardCharsets.UTF_8)) + "\n"
                    + "X-Ops-Content-Hash:" + contentHash + "\n"
                    + "X-Ops-Timestamp:" + timestamp + "\n"
                    + "X-Ops-UserId:" + clientName;
        }
        return "Method:" + verb + "\n"
                + "Path:" + canonicalPath + "\n"
                + "X-Ops-Content-Hash:" + contentHash + "\n"
                + "X-Ops-Sign:version=" + version.version() + "\n"
                + "X-Ops-Timestamp:" + timestamp + "\n"
                + "X-Ops-UserId:" + clientName + "\n"
                + "X-Ops-Server-API-Version:" + serverApiVersion;
    }

    /** Base64 of the SHA-1 (1.0) or SHA-256 (1.3) of {@code data}. */
    String hash(byte[] data) {
        try {
            MessageDigest digest = MessageDigest.getInstance(version == ChefAuthVersion.V1_0 ? "SHA-1" : "SHA-256");
            return Base64.getEncoder().encodeToString(digest.digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + version.algorithm(), e);
        }
    }

    /** Repeated slashes collapsed, no trailing slash except for the root. */
    static String canonicalPath(String path) {
        String squeezed = (path == null || path.isEmpty() ? "/" : path).replaceAll("/{2,}", "/");
        return squeezed.length() > 1 && squeezed.endsWith("/") ? squeezed.substring(0, squeezed.length() - 1) : squeezed;
    }

    private byte[] signature(String canonical) {
        byte[] data = canonical.getBytes(StandardCharsets.UTF_8);
        try {
            if (version == ChefAuthVersion.V1_0) {
                // 1.0 is no digest signature: the canonical text itself goes through RSA with PKCS#1 v1.5 type-1
                // padding (OpenSSL's RSA_private_encrypt), so it must fit into the modulus minus 11 bytes.
                int limit = (key.getModulus().bitLength() + 7) / 8 - 11;
                if (data.length > limit) {
                    throw new IllegalArgumentException("the version 1.0 canonical request of client " + clientName
                            + " is " + data.length + " bytes, more than its " + key.getModulus().bitLength()
                            + "-bit key can sign (" + limit + "); use a shorter client name or protocol 1.3");
                }
                Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                rsa.init(Cipher.ENCRYPT_MODE, key);
                return rsa.doFinal(data);
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(data);
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a request as client " + clientName + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    public String clientName() {
        return clientName;
    }

    public ChefAuthVersion version() {
        return version;
    }

    @Override
    public String toString() {
        return "ChefRequestSigner[client=" + clientName + ", version=" + version.version() + "]";
    }
}
