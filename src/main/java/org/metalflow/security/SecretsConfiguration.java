package org.metalflow.security;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    @Bean
    SecretCipher secretCipher(@Value("${metalflow.secrets.key:}") String key,
                              @Value("${metalflow.secrets.key-file}") Path keyFile) {
        return new SecretCipher(SecretsKeyLoader.load(key, keyFile));
    }
}
