package org.metalflow.records;

import java.nio.file.Path;
import org.metalflow.connectors.dhcp.DhcpProvider;
import org.metalflow.connectors.dhcp.dnsmasq.DnsmasqProvider;
import org.metalflow.connectors.dhcp.dnsmasq.DnsmasqSettings;
import org.metalflow.connectors.dns.DnsProvider;
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
            default -> throw new IllegalStateException("metalflow.dns.provider is '" + settings.provider()
                    + "'; use zone-files, rfc2136 or powerdns");
        };
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
