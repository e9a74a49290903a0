package org.metalflow.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Finds the secrets key: base64 from configuration (METALFLOW_SECRETS_KEY) when set, otherwise the key file,
 * which is created with mode 600 on first start. Losing the key makes stored BMC passwords unreadable.
 */
final class SecretsKeyLoader {

    private SecretsKeyLoader() {
    }

    static byte[] load(String base64Key, Path keyFile) {
        if (base64Key != null && !base64Key.isBlank()) {
            return decode(base64Key, "METALFLOW_SECRETS_KEY");
        }
        try {
            if (Files.exists(keyFile)) {
                return decode(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile.toString());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(key), StandardOpenOption.WRITE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets key file " + keyFile, e);
        }
    }

    static byte[] decode(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the secrets key in " + source + " is not base64", e);
        }
    }
}
