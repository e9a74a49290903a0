package org.metalflow.connectors.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * The signer against the canonical requests of Chef's published protocol vectors (user, path, body, timestamp and
 * the content hashes they give), with a key generated here: the signature is checked with the key's public half,
 * since the vectors' own key is another project's file and is not copied into this one.
 */
class ChefRequestSignerTest {

    private static final RSAPrivateCrtKey KEY = freshKey();
    static final String KEY_PKCS8 = pkcs8Pem(KEY);
    static final String KEY_PKCS1 = pkcs1Pem(KEY);
    private static final String USER = "spec-user";
    private static final String PATH = "/organizations/clownco";
    private static final byte[] BODY = "Spec Body".getBytes(StandardCharsets.UTF_8);
    private static final Instant TIMESTAMP = Instant.parse("2009-01-01T12:00:00Z");

    @Test
    void version_1_0_matches_the_published_vector() throws Exception {
        ChefRequestSigner signer = new ChefRequestSigner(USER, KEY, ChefAuthVersion.V1_0, "1");

        assertThat(signer.canonicalRequest("post", PATH, "DFteJZPVv6WKdQmMqZUQUumUyRs=", "2009-01-01T12:00:00Z"))
                .isEqualTo("Method:POST\n"
                        + "Hashed Path:YtBWDn1blGGuFIuKksdwXzHU9oE=\n"
                        + "X-Ops-Content-Hash:DFteJZPVv6WKdQmMqZUQUumUyRs=\n"
                        + "X-Ops-Timestamp:2009-01-01T12:00:00Z\n"
                        + "X-Ops-UserId:spec-user");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("X-Ops-Sign", "algorithm=sha1;version=1.0;");
        expected.put("X-Ops-Userid", USER);
        expected.put("X-Ops-Timestamp", "2009-01-01T12:00:00Z");
        expected.put("X-Ops-Content-Hash", "DFteJZPVv6WKdQmMqZUQUumUyRs=");

        Map<String, String> headers = signer.sign("POST", PATH, BODY, TIMESTAMP);
        assertThat(headers).containsAllEntriesOf(expected);
        assertThat(headers.keySet()).containsExactlyElementsOf(expectedNames(expected, 6));
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, ChefKeys.publicKey(KEY));
        assertThat(new String(rsa.doFinal(joinedSignature(headers)), StandardCharsets.UTF_8))
                .isEqualTo(signer.canonicalRequest("POST", PATH, "DFteJZPVv6WKdQmMqZUQUumUyRs=", "2009-01-01T12:00:00Z"));
    }

    @Test
    void version_1_3_matches_the_published_vector() throws Exception {
        ChefRequestSigner signer = new ChefRequestSigner(USER, KEY, ChefAuthVersion.V1_3, "1");

        assertThat(signer.canonicalRequest("POST", PATH, "hDlKNZhIhgso3Fs0S0pZwJ0xyBWtR1RBaeHs1DrzOho=", "2009-01-01T12:00:00Z"))
                .isEqualTo("Method:POST\n"
                        + "Path:/organizations/clownco\n"
                        + "X-Ops-Content-Hash:hDlKNZhIhgso3Fs0S0pZwJ0xyBWtR1RBaeHs1DrzOho=\n"
                        + "X-Ops-Sign:version=1.3\n"
                        + "X-Ops-Timestamp:2009-01-01T12:00:00Z\n"
                        + "X-Ops-UserId:spec-user\n"
                        + "X-Ops-Server-API-Version:1");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("X-Ops-Sign", "algorithm=sha256;version=1.3;");
        expected.put("X-Ops-Userid", USER);
        expected.put("X-Ops-Timestamp", "2009-01-01T12:00:00Z");
        expected.put("X-Ops-Content-Hash", "hDlKNZhIhgso3Fs0S0pZwJ0xyBWtR1RBaeHs1DrzOho=");
        expected.put("X-Ops-Server-API-Version", "1");

        Map<String, String> headers = signer.sign("POST", PATH, BODY, TIMESTAMP);
        assertThat(headers).containsAllEntriesOf(expected);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(ChefKeys.publicKey(KEY));
        verifier.update(signer.canonicalRequest("POST", PATH, "hDlKNZhIhgso3Fs0S0pZwJ0xyBWtR1RBaeHs1DrzOho=",
                "2009-01-01T12:00:00Z").getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(joinedSignature(headers))).isTrue();
    }

    /** The header names of a signed request: the fixed ones in order, then one per 60 base64 characters. */
    private static java.util.List<String> expectedNames(Map<String, String> fixed, int authorizationLines) {
        java.util.List<String> names = new java.util.ArrayList<>(fixed.keySet());
        for (int i = 1; i <= authorizationLines; i++) {
            names.add("X-Ops-Authorization-" + i);
        }
        return names;
    }

    @Test
    void version_1_3_signature_verifies_with_the_public_key_over_the_canonical_request() throws Exception {
        RSAPrivateCrtKey key = freshKey();
        ChefRequestSigner signer = new ChefRequestSigner("metalflow", key, ChefAuthVersion.V1_3, "1");
        byte[] body = "{\"name\":\"web-01\"}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.parse("2024-05-06T07:08:09.987Z");

        Map<String, String> headers = signer.sign("put", "//nodes//web-01/", body, now);

        assertThat(headers.get("X-Ops-Timestamp")).isEqualTo("2024-05-06T07:08:09Z");
        String canonical = signer.canonicalRequest("PUT", "/nodes/web-01", signer.hash(body), "2024-05-06T07:08:09Z");
        assertThat(canonical).contains("Path:/nodes/web-01\n");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(ChefKeys.publicKey(key));
        verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(joinedSignature(headers))).isTrue();
        verifier.initVerify(ChefKeys.publicKey(freshKey()));
        verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(joinedSignature(headers))).isFalse();
    }

    @Test
    void version_1_0_signature_decrypts_with_the_public_key_to_the_canonical_request() throws Exception {
        RSAPrivateCrtKey key = freshKey();
        ChefRequestSigner signer = new ChefRequestSigner("metalflow", key, ChefAuthVersion.V1_0, "1");
        Instant now = Instant.parse("2024-05-06T07:08:09Z");

        Map<String, String> headers = signer.sign("GET", "/nodes/web-01", new byte[0], now);

        assertThat(headers.get("X-Ops-Content-Hash")).isEqualTo("2jmj7l5rSw0yVb/vlWAYkK/YBwk="); // SHA-1 of nothing
        assertThat(headers).doesNotContainKey("X-Ops-Server-API-Version");
        assertThat(headers.keySet().stream().filter(name -> name.startsWith("X-Ops-Authorization-")))
                .containsExactly("X-Ops-Authorization-1", "X-Ops-Authorization-2", "X-Ops-Authorization-3",
                        "X-Ops-Authorization-4", "X-Ops-Authorization-5", "X-Ops-Authorization-6");
        assertThat(headers.get("X-Ops-Authorization-1")).hasSize(60);
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, ChefKeys.publicKey(key));
        assertThat(new String(rsa.doFinal(joinedSignature(headers)), StandardCharsets.UTF_8))
                .isEqualTo(signer.canonicalRequest("GET", "/nodes/web-01", "2jmj7l5rSw0yVb/vlWAYkK/YBwk=", "2024-05-06T07:08:09Z"));
    }

    @Test
    void version_1_0_refuses_a_canonical_request_longer_than_the_key_can_encrypt() {
        ChefRequestSigner signer = new ChefRequestSigner("a".repeat(200), KEY, ChefAuthVersion.V1_0, "1");

        assertThatThrownBy(() -> signer.sign("PUT", "/nodes/x", new byte[0], TIMESTAMP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use a shorter client name or protocol 1.3");
    }

    @Test
    void paths_are_canonicalised_as_the_protocol_says() {
        assertThat(ChefRequestSigner.canonicalPath("/")).isEqualTo("/");
        assertThat(ChefRequestSigner.canonicalPath("")).isEqualTo("/");
        assertThat(ChefRequestSigner.canonicalPath("/nodes/")).isEqualTo("/nodes");
        assertThat(ChefRequestSigner.canonicalPath("//organizations///lab//nodes")).isEqualTo("/organizations/lab/nodes");
    }

    @Test
    void pkcs1_and_pkcs8_forms_of_one_key_are_the_same_key() {
        RSAPrivateCrtKey pkcs1 = ChefKeys.privateKey(KEY_PKCS1, "test key");
        RSAPrivateCrtKey pkcs8 = ChefKeys.privateKey(KEY_PKCS8, "test key");

        assertThat(KEY_PKCS1).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(pkcs1.getModulus().bitLength()).isEqualTo(2048);
        assertThat(pkcs1.getEncoded()).isEqualTo(pkcs8.getEncoded()).isEqualTo(KEY.getEncoded());
        RSAPublicKey publicKey = ChefKeys.publicKey(pkcs1);
        assertThat(publicKey.getModulus()).isEqualTo(KEY.getModulus());
        assertThat(publicKey.getPublicExponent().intValue()).isEqualTo(65537);
    }

    @Test
    void keys_with_surrounding_text_and_crlf_line_ends_are_read() {
        String messy = "client key:\r\n" + KEY_PKCS1.replace("\n", "\r\n") + "\r\n";

        assertThat(ChefKeys.privateKey(messy, "test key").getEncoded()).isEqualTo(KEY.getEncoded());
    }

    @Test
    void unusable_keys_are_refused_without_quoting_them() {
        String truncated = KEY_PKCS1.substring(0, 200) + "\n-----END RSA PRIVATE KEY-----\n";

        assertThatThrownBy(() -> ChefKeys.privateKey(truncated, "the key of client x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the key of client x")
                .message().doesNotContain(KEY_PKCS1.substring(40, 80));
        assertThatThrownBy(() -> ChefKeys.privateKey("not a key", "the key of client x"))
                .hasMessageContaining("is not a PEM block");
        assertThatThrownBy(() -> ChefKeys.privateKey("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "k"))
                .hasMessageContaining("CERTIFICATE, not an RSA private key");
        assertThatThrownBy(() -> ChefKeys.privateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----", "k"))
                .hasMessageContaining("encrypted");
    }

    @Test
    void to_string_names_the_client_and_never_the_key() {
        ChefRequestSigner signer = new ChefRequestSigner(USER, KEY, ChefAuthVersion.V1_3, "1");
        ChefSettings settings = ChefSettings.of("https://chef.example/", "metalflow", KEY_PKCS1).withOrganization("lab");

        assertThat(signer.toString()).isEqualTo("ChefRequestSigner[client=spec-user, version=1.3]");
        assertThat(settings.toString()).doesNotContain("PRIVATE").doesNotContain(KEY_PKCS1.substring(40, 80));
        assertThat(settings.describe()).isEqualTo("Chef server https://chef.example (organization lab, client metalflow)");
    }

    static byte[] joinedSignature(Map<String, String> headers) {
        String joined = headers.entrySet().stream()
                .filter(e -> e.getKey().startsWith("X-Ops-Authorization-"))
                .sorted(Map.Entry.comparingByKey((a, b) -> Integer.compare(number(a), number(b))))
                .map(Map.Entry::getValue)
                .collect(Collectors.joining());
        return Base64.getDecoder().decode(joined);
    }

    private static int number(String header) {
        return Integer.parseInt(header.substring("X-Ops-Authorization-".length()));
    }

    static RSAPrivateCrtKey freshKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM of the key as PKCS#8 ({@code BEGIN PRIVATE KEY}), the form Java encodes. */
    static String pkcs8Pem(RSAPrivateCrtKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /**
     * PEM of the key as PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), the form Chef servers hand out: the RSAPrivateKey
     * inside the PKCS#8 structure, whose header is 26 bytes for a 2048-bit key.
     */
    static String pkcs1Pem(RSAPrivateCrtKey key) {
        byte[] pkcs8 = key.getEncoded();
        if (pkcs8[22] != 0x04 || pkcs8[23] != (byte) 0x82) {
            throw new IllegalStateException("not the PKCS#8 layout of a 2048-bit RSA key");
        }
        return pem("RSA PRIVATE KEY", java.util.Arrays.copyOfRange(pkcs8, 26, pkcs8.length));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
