package org.metalflow.records;

import java.nio.file.Path;
import org.metalflow.connectors.dhcp.DhcpProvider;
import org.metalflow.connectors.dhcp.dnsmasq.DnsmasqProvider;
import org.metalflow.connectors.dhcp.dnsmasq.DnsmasqSettings;
import org.metalflow.connectors.dns.DnsProvider;
import org.metalflow.connectors.dns.powerdns.PowerDnsProvider;
import org.metalflow.connectors.dns.powerdns.PowerDnsSettings;
import org.metalflow.connectors.dns.rfc2136.Rfc2136Provider;
import org.metalflow.connectors.dns.rfc2136.Rfc2136Settings;
import org.metalflow.connectors.dns.rfc2136.TsigAlgorithm;
import org.metalflow.connectors.dns.zonefile.ZoneFileProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DHCP and DNS providers the deploy writes records into, chosen by {@code metalflow.dhcp/dns.provider}. */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    @Bean(destroyMethod = "close")
    DhcpProvider dhcpProvider(DhcpSettings settings, @Value("${metalflow.data-dir:./data}") String dataDir) {
        return switch (settings.provider()) {
            case "dnsmasq" -> dnsmasq(settings.dnsmasq(), Path.of(dataDir, "dhcp"));
            default -> throw new IllegalStateException("metalflow.dhcp.provider is '" + settings.provider()
                    + "'; use dnsmasq, kea-hosts-db or kea-control-agent");
        };
    }

    @Bean(destroyMethod = "close")
    DnsProvider dnsProvider(DnsSettings settings, @Value("${metalflow.data-dir:./data}") String dataDir) {
        return switch (settings.provider()) {
            case "zone-files" -> new ZoneFileProvider(settings.zoneDirectory().isBlank()
                    ? Path.of(dataDir, "dns") : Path.of(settings.zoneDirectory()), settings.primaryNameServer());
            case "rfc2136" -> {
                DnsSettings.Rfc2136 server = required(settings.rfc2136(), "metalflow.dns.rfc2136");
                Rfc2136Settings connection = new Rfc2136Settings(required(server.server(), "metalflow.dns.rfc2136.server"),
                        server.port(), blankToNull(server.keyName()), TsigAlgorithm.of(server.keyAlgorithm()),
                        blankToNull(server.keySecret()), server.timeout(), null);
                yield new Rfc2136Provider(connection);
            }
            case "powerdns" -> {
                DnsSettings.PowerDns server = required(settings.powerdns(), "metalflow.dns.powerdns");
                yield new PowerDnsProvider(PowerDnsSettings.of(required(server.url(), "metalflow.dns.powerdns.url"),
                        required(server.apiKey(), "metalflow.dns.powerdns.api-key")).withServerId(server.serverId()));
            }
            default -> throw new IllegalStateException("metalflow.dns.provider is '" + settings.provider()
                    + "'; use zone-files, rfc2136 or powerdns");
        };
    }

    private static <T> T required(T value, String key) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalStateException(key + " must be set for this provider");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static DhcpProvider dnsmasq(DhcpSettings.Dnsmasq config, Path defaultDir) {
        Path hosts = config == null || config.hostsFile().isBlank() ? defaultDir.resolve("dhcp-hosts") : Path.of(config.hostsFile());
        Path opts = config == null || config.optsFile().isBlank() ? defaultDir.resolve("dhcp-opts") : Path.of(config.optsFile());
        if (config == null || config.pidFile().isBlank()) {
            return new DnsmasqProvider(DnsmasqSettings.filesOnly(hosts, opts));
        }
        Path leases = config.leaseFile().isBlank() ? null : Path.of(config.leaseFile());
        return new DnsmasqProvider(DnsmasqSettings.sighup(hosts, opts, Path.of(config.pidFile()), leases));
    }
}
