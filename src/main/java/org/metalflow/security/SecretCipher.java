package org.metalflow.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM sealing of secrets at rest. The sealed form is base64(nonce || ciphertext+tag); the associated
 * data binds a sealed value to the row that owns it, so it cannot be moved to another row. {@link #keyId()}
 * names the key (a hash prefix, not the key) so rotation can tell which rows still use an old one.
 *
 * <p>During a key rotation the cipher also holds the previous keys: it seals with the current key only and opens
 * with whichever key the value was sealed with (GCM's tag tells a wrong key for certain).
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final String keyId;
    private final Map<String, SecretKey> previous = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] rawKey) {
        this(rawKey, List.of());
    }

    public SecretCipher(byte[] rawKey, List<byte[]> previousKeys) {
        this.key = aesKey(rawKey);
        this.keyId = keyIdOf(rawKey);
        for (byte[] old : previousKeys) {
            if (!keyIdOf(old).equals(keyId)) {
                previous.put(keyIdOf(old), aesKey(old));
            }
        }
    }

    public String keyId() {
        return keyId;
    }

    /** The ids of the previous keys this cipher still opens with (empty unless a rotation is under way). */
    public Set<String> previousKeyIds() {
        return Collections.unmodifiableSet(previous.keySet());
    }

    public String seal(String plain, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal secret", e);
        }
    }

    public String open(String sealedBase64, String associatedData) {
        byte[] in = Base64.getDecoder().decode(sealedBase64);
        List<SecretKey> keys = new ArrayList<>(List.of(key));
        keys.addAll(previous.values());
        for (SecretKey candidate : keys) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, candidate, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
                cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
                return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
            } catch (AEADBadTagException wrongKey) {
                // the next key, if any
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot open secret", e);
            }
        }
        throw new IllegalStateException("cannot open secret: wrong key (key ids " + keyId
                + (previous.isEmpty() ? "" : ", " + String.join(", ", previous.keySet()))
                + ") or the stored value was altered");
    }

    private static SecretKey aesKey(byte[] rawKey) {
        if (rawKey.length != 32) {
            throw new IllegalArgumentException("the secrets key must be 32 bytes (AES-256), got " + rawKey.length);
        }
        return new SecretKeySpec(rawKey, "AES");
    }

    static String keyIdOf(byte[] rawKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawKey);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
