package org.metalflow.records;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metalflow.boot.BootProperties;
import org.metalflow.connectors.dhcp.DhcpProvider;
import org.metalflow.connectors.dhcp.kea.KeaBootProfile;
import org.metalflow.connectors.dhcp.kea.KeaControlAgentClient;
import org.metalflow.connectors.dhcp.kea.KeaControlAgentProvider;
import org.metalflow.connectors.dhcp.kea.KeaHostsDatabaseProvider;
import org.metalflow.connectors.dhcp.dnsmasq.DnsmasqProvider;
import org.metalflow.connectors.dhcp.dnsmasq.DnsmasqSettings;
import org.metalflow.connectors.dns.DnsProvider;
import org.metalflow.connectors.dns.powerdns.PowerDnsProvider;
import org.metalflow.connectors.dns.powerdns.PowerDnsSettings;
import org.metalflow.connectors.dns.rfc2136.Rfc2136Provider;
import org.metalflow.connectors.dns.rfc2136.Rfc2136Settings;
import org.metalflow.connectors.dns.rfc2136.TsigAlgorithm;
import org.metalflow.connectors.dns.zonefile.ZoneFileProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The DHCP and DNS providers the deploy writes records into, chosen by {@code metalflow.dhcp/dns.provider}. */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProviderConfiguration.class);

    @Bean(destroyMethod = "close")
    DhcpProvider dhcpProvider(DhcpSettings settings, BootProperties boot,
                              @Value("${metalflow.data-dir:./data}") String dataDir) {
        return switch (settings.provider()) {
            case "dnsmasq" -> dnsmasq(settings.dnsmasq(), Path.of(dataDir, "dhcp"));
            case "kea-control-agent" -> {
                DhcpSettings.Kea kea = required(settings.kea(), "metalflow.dhcp.kea");
                yield new KeaControlAgentProvider(agent(kea, true));
            }
            case "kea-hosts-db" -> {
                DhcpSettings.Kea kea = required(settings.kea(), "metalflow.dhcp.kea");
                KeaBootProfile profile = new KeaBootProfile(kea.bootClass(), boot.biosFirstStage(), boot.uefiFirstStage(),
                        required(boot.baseUrl(), "metalflow.boot.base-url") + "/api/v1/boot/ipxe");
                log.info("Kea hosts database: Kea's configuration must define these client classes:\n{}",
                        profile.clientClassesJson());
                // a connection per call (about 8 ms here): deploy steps are rare, and nothing holds Kea's database open
                DriverManagerDataSource hosts = new DriverManagerDataSource(
                        required(kea.hostsDatabase(), "metalflow.dhcp.kea.hosts-database"),
                        kea.hostsDatabaseUsername(), kea.hostsDatabasePassword());
                Map<String, Long> subnets = new LinkedHashMap<>();
                required(kea.subnetIds(), "metalflow.dhcp.kea.subnet-ids").forEach((cidr, id) -> subnets.put(cidr, id.longValue()));
                yield new KeaHostsDatabaseProvider(hosts, subnets, List.of(profile), agent(kea, false));
            }
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

    /** The control agent client, or null when no URL is set and it is optional (leases with kea-hosts-db). */
    private static KeaControlAgentClient agent(DhcpSettings.Kea kea, boolean needed) {
        String url = needed ? required(kea.controlAgentUrl(), "metalflow.dhcp.kea.control-agent-url") : kea.controlAgentUrl();
        return url == null || url.isBlank() ? null
                : new KeaControlAgentClient(url, blankToNull(kea.controlAgentUsername()), blankToNull(kea.controlAgentPassword()));
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
