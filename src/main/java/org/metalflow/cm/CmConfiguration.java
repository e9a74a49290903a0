package org.metalflow.cm;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the configuration-management system deployed machines are handed to ({@code metalflow.cm.system}). */
@Configuration(proxyBeanMethods = false)
class CmConfiguration {

    @Bean
    ConfigurationManagement configurationManagement(CmSettings settings) {
        return switch (settings.system()) {
            case "none" -> new NoConfigurationManagement();
            default -> throw new IllegalStateException("metalflow.cm.system is '" + settings.system()
                    + "'; use none, puppet or chef");
        };
    }
}
