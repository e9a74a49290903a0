package org.metalflow.cm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code metalflow.cm.*}: which configuration-management system deployed machines are handed to.
 *
 * @param system {@code none} (the lab default: a deploy ends at the installed OS), {@code puppet} or {@code chef}
 */
@ConfigurationProperties("metalflow.cm")
public record CmSettings(@DefaultValue("none") String system, @DefaultValue Puppet puppet, @DefaultValue Chef chef) {

    /**
     * @param server         the Puppet Server name agents connect to (written into their puppet.conf)
     * @param caUrl          Puppet Server's CA, e.g. {@code https://puppet.example:8140}
     * @param caCertificate  the Puppet CA certificate (PEM file)
     * @param certificate    the platform's client certificate for the CA API (PEM file), allowed in auth.conf
     * @param privateKey     its private key (PEM file)
     * @param signing        {@code api} (the platform signs the CSR once the installer reported) or
     *                       {@code autosign} (Puppet asks the platform's autosign endpoint; the install token is
     *                       the challenge password)
     */
    public record Puppet(@DefaultValue("production") String environment, String server, String caUrl, String caCertificate,
                         String certificate, String privateKey, @DefaultValue("api") String signing,
                         @DefaultValue("PT30S") Duration timeout) {
    }

    /**
     * @param organization  Chef Infra Server 12+ organization; empty for servers without the
     *                      {@code /organizations/ORG} prefix (Chef 11, goiardi)
     * @param clientKey     the platform's API client key (PEM file)
     * @param protocol      signing protocol version, {@code 1.3} (SHA-256) or {@code 1.0} (SHA-1, older servers)
     */
    public record Chef(String serverUrl, @DefaultValue("") String organization, String clientName, String clientKey,
                       @DefaultValue("1.3") String protocol, @DefaultValue("_default") String environment,
                       @DefaultValue("PT30S") Duration timeout) {
    }
}
