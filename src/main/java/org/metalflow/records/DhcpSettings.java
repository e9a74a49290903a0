package org.metalflow.records;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code metalflow.dhcp.*}.
 *
 * @param provider {@code dnsmasq} (the lab default: hosts and options files under {@code <data-dir>/dhcp}, no
 *                 daemon told), {@code kea-hosts-db} or {@code kea-control-agent}
 */
@ConfigurationProperties("metalflow.dhcp")
record DhcpSettings(
        @DefaultValue("dnsmasq") String provider,
        Dnsmasq dnsmasq,
        Kea kea) {

    /**
     * @param hostsFile the file dnsmasq.conf names in dhcp-hostsfile; empty means {@code <data-dir>/dhcp/dhcp-hosts}
     * @param optsFile  the file dnsmasq.conf names in dhcp-optsfile; empty means {@code <data-dir>/dhcp/dhcp-opts}
     * @param pidFile   dnsmasq's pid file, to send it SIGHUP; empty means files only (no dnsmasq runs: the lab)
     * @param leaseFile dnsmasq's lease file, to list leases; optional
     */
    record Dnsmasq(@DefaultValue("") String hostsFile, @DefaultValue("") String optsFile,
                   @DefaultValue("") String pidFile, @DefaultValue("") String leaseFile) {
    }

    /**
     * @param controlAgentUrl Kea Control Agent (needed for kea-control-agent; for leases with kea-hosts-db)
     * @param hostsDatabase   JDBC URL of Kea's PostgreSQL hosts database (kea-hosts-db)
     * @param subnetIds       Kea subnet ids by CIDR, e.g. {@code "[10.77.1.0/24]": 1}
     * @param bootClass       kea-hosts-db: the client class reservations name; Kea's configuration defines it and its
     *                        -ipxe, -uefi and -bios classes (the platform logs the JSON at start)
     */
    record Kea(String controlAgentUrl, String controlAgentUsername, String controlAgentPassword,
               String hostsDatabase, String hostsDatabaseUsername, String hostsDatabasePassword,
               java.util.Map<String, Integer> subnetIds, @DefaultValue("metalflow-netboot") String bootClass) {
    }
}
