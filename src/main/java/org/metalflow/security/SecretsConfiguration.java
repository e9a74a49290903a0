package org.metalflow.security;

import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    /**
     * The current key seals; the previous keys (base64, during a rotation: docs/security.md) only open, until
     * {@link SecretsRotation} has sealed everything again under the current one.
     */
    @Bean
    SecretCipher secretCipher(@Value("${metalflow.secrets.key:}") String key,
                              @Value("${metalflow.secrets.key-file}") Path keyFile,
                              @Value("${metalflow.secrets.previous-keys:}") List<String> previousKeys) {
        List<byte[]> previous = previousKeys.stream().filter(k -> !k.isBlank())
                .map(k -> SecretsKeyLoader.decode(k, "metalflow.secrets.previous-keys")).toList();
        return new SecretCipher(SecretsKeyLoader.load(key, keyFile), previous);
    }

    /** BMC credentials ({@link CredentialVault}). */
    @Bean
    SealedColumn bmcCredentialPasswords() {
        return new SealedColumn("bmc_credential", "id", "password_sealed", "key_id");
    }
}
