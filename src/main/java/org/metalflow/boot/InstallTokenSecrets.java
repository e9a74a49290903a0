package org.metalflow.boot;

import org.metalflow.security.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Install tokens are kept sealed for the iPXE script ({@link InstallService}); a key rotation seals them again. */
@Configuration(proxyBeanMethods = false)
class InstallTokenSecrets {

    @Bean
    SealedColumn installTokens() {
        return new SealedColumn("machine_deployment", "machine_id", "token_sealed", "token_key_id");
    }
}
