package org.metalflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    private final byte[] key = new byte[32];

    @Test
    void sealsAndOpensAndNeverShowsThePlainText() {
        SecretCipher cipher = new SecretCipher(key);
        String sealed = cipher.seal("calvin", "row-1");

        assertThat(sealed).doesNotContain("calvin");
        assertThat(new String(Base64.getDecoder().decode(sealed))).doesNotContain("calvin");
        assertThat(cipher.seal("calvin", "row-1")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(cipher.open(sealed, "row-1")).isEqualTo("calvin");
    }

    @Test
    void aSealedValueMovedToAnotherRowOrOpenedWithAnotherKeyIsRefused() {
        SecretCipher cipher = new SecretCipher(key);
        String sealed = cipher.seal("calvin", "row-1");

        assertThatThrownBy(() -> cipher.open(sealed, "row-2")).hasMessageContaining("altered");
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> new SecretCipher(other).open(sealed, "row-1"))
                .hasMessageContaining("wrong key");
    }

    @Test
    void duringARotationValuesOfThePreviousKeyOpenAndNewOnesAreSealedUnderTheCurrentKey() {
        byte[] current = new byte[32];
        current[0] = 2;
        String old = new SecretCipher(key).seal("calvin", "row-1");
        SecretCipher rotating = new SecretCipher(current, java.util.List.of(key));

        assertThat(rotating.open(old, "row-1")).isEqualTo("calvin");
        assertThat(rotating.previousKeyIds()).containsExactly(new SecretCipher(key).keyId());
        String resealed = rotating.seal("calvin", "row-1");
        assertThat(new SecretCipher(current).open(resealed, "row-1")).isEqualTo("calvin");
        assertThatThrownBy(() -> new SecretCipher(key).open(resealed, "row-1")).hasMessageContaining("wrong key");
        assertThatThrownBy(() -> rotating.open(old, "row-2")).hasMessageContaining("altered");
    }

    @Test
    void theKeyFileIsCreatedPrivateOnceAndReused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/secrets.key");
        byte[] first = SecretsKeyLoader.load("", file);
        byte[] second = SecretsKeyLoader.load(null, file);

        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        byte[] configured = SecretsKeyLoader.load(Base64.getEncoder().encodeToString(key), file);
        assertThat(configured).isEqualTo(key);
    }

    @Test
    void aKeyOfTheWrongSizeIsRefused() {
        assertThatThrownBy(() -> new SecretCipher(new byte[16])).hasMessageContaining("32 bytes");
    }
}
