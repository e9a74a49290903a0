package org.metalflow.cm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.metalflow.connectors.chef.ChefAuthVersion;
import org.metalflow.connectors.chef.ChefServer;
import org.metalflow.connectors.chef.ChefSettings;
import org.metalflow.connectors.puppet.PuppetCa;
import org.metalflow.connectors.puppet.PuppetCaSettings;
import org.metalflow.roles.RoleService;
import org.metalflow.security.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the configuration-management system deployed machines are handed to ({@code metalflow.cm.system}). */
@Configuration(proxyBeanMethods = false)
class CmConfiguration {

    /** What a Chef registration gives the installer (its client key), sealed ({@link CmRegistrations}). */
    @Bean
    SealedColumn cmRegistrationSecrets() {
        return new SealedColumn("cm_registration", "machine_id", "sealed", "key_id");
    }

    @Bean(destroyMethod = "close")
    ConfigurationManagement configurationManagement(CmSettings settings, RoleService roles, CmRuns runs) {
        return switch (settings.system()) {
            case "none" -> new NoConfigurationManagement();
            case "puppet" -> {
                CmSettings.Puppet puppet = settings.puppet();
                PuppetCaSettings ca = PuppetCaSettings.of(required(puppet.caUrl(), "metalflow.cm.puppet.ca-url"),
                                required(puppet.caCertificate(), "metalflow.cm.puppet.ca-certificate"),
                                required(puppet.certificate(), "metalflow.cm.puppet.certificate"),
                                required(puppet.privateKey(), "metalflow.cm.puppet.private-key"))
                        .withTimeout(puppet.timeout());
                yield new PuppetConfigurationManagement(new PuppetCa(ca), runs,
                        required(puppet.server(), "metalflow.cm.puppet.server"), !"autosign".equals(puppet.signing()));
            }
            case "chef" -> {
                CmSettings.Chef chef = settings.chef();
                ChefSettings connection = ChefSettings.of(required(chef.serverUrl(), "metalflow.cm.chef.server-url"),
                                required(chef.clientName(), "metalflow.cm.chef.client-name"),
                                read(required(chef.clientKey(), "metalflow.cm.chef.client-key")))
                        .withOrganization(chef.organization().isBlank() ? null : chef.organization())
                        .withAuthVersion(ChefAuthVersion.parse(chef.protocol()))
                        .withTimeout(chef.timeout());
                yield new ChefConfigurationManagement(new ChefServer(connection), roles, chef.environment());
            }
            default -> throw new IllegalStateException("metalflow.cm.system is '" + settings.system()
                    + "'; use none, puppet or chef");
        };
    }

    static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " must be set for this configuration-management system");
        }
        return value;
    }

    /** A PEM file's content; the path, never the content, goes into messages. */
    static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
