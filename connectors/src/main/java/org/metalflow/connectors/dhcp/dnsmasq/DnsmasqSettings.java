package org.metalflow.connectors.dhcp.dnsmasq;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the connector's two files are and how dnsmasq learns about changes.
 *
 * @param hostsFile           the file dnsmasq.conf names in {@code dhcp-hostsfile=}; the connector owns it
 * @param optsFile            the file dnsmasq.conf names in {@code dhcp-optsfile=}; the connector owns it
 * @param leaseFile           dnsmasq's {@code dhcp-leasefile}, read to list leases; null when not wanted
 * @param reload              SIGHUP, restart command or none
 * @param bootScope           boot files shared by all reserved hosts (SIGHUP-safe) or per host (needs a restart)
 * @param leaseReleaseCommand the start of a command that releases one lease, to which the connector appends the IPv4
 *                            address and the MAC, e.g. {@code [ip, netns, exec, mfd-srv, dhcp_release, br0]}
 *                            (dnsmasq-utils; it must run on the host and interface dnsmasq serves); empty when
 *                            leases must not be removed
 */
public record DnsmasqSettings(Path hostsFile, Path optsFile, Path leaseFile, DnsmasqReload reload,
                              BootScope bootScope, List<String> leaseReleaseCommand) {

    public DnsmasqSettings {
        Objects.requireNonNull(hostsFile, "hostsFile");
        Objects.requireNonNull(optsFile, "optsFile");
        Objects.requireNonNull(reload, "reload");
        Objects.requireNonNull(bootScope, "bootScope");
        leaseReleaseCommand = leaseReleaseCommand == null ? List.of() : List.copyOf(leaseReleaseCommand);
        if (hostsFile.toAbsolutePath().normalize().equals(optsFile.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the hosts file and the options file must differ: " + hostsFile);
        }
        if (bootScope == BootScope.PER_HOST && reload instanceof DnsmasqReload.Sighup) {
            throw new IllegalArgumentException("per-host boot files need set: tags in " + hostsFile
                    + ", and dnsmasq 2.90 aborts on SIGHUP once such a line served a lease:"
                    + " use a restart command, or BootScope.SHARED");
        }
    }

    /** SIGHUP-safe defaults: shared boot files, SIGHUP to the PID in {@code pidFile}, leases read but not removed. */
    public static DnsmasqSettings sighup(Path hostsFile, Path optsFile, Path pidFile, Path leaseFile) {
        return new DnsmasqSettings(hostsFile, optsFile, leaseFile, DnsmasqReload.sighup(pidFile), BootScope.SHARED, List.of());
    }

    /** Files only, no dnsmasq to tell (the lab); boot files per host, since no SIGHUP can crash anything. */
    public static DnsmasqSettings filesOnly(Path hostsFile, Path optsFile) {
        return new DnsmasqSettings(hostsFile, optsFile, null, DnsmasqReload.none(), BootScope.PER_HOST, List.of());
    }

    public DnsmasqSettings withLeaseRelease(List<String> command) {
        return new DnsmasqSettings(hostsFile, optsFile, leaseFile, reload, bootScope, command);
    }

    public DnsmasqSettings withReload(DnsmasqReload newReload, BootScope newScope) {
        return new DnsmasqSettings(hostsFile, optsFile, leaseFile, newReload, newScope, leaseReleaseCommand);
    }
}
