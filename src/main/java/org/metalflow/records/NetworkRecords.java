package org.metalflow.records;

import java.util.List;
import java.util.UUID;
import org.metalflow.boot.BootProperties;
import org.metalflow.boot.PlatformUrl;
import org.metalflow.connectors.dhcp.BootFiles;
import org.metalflow.connectors.dhcp.DhcpReservation;
import org.metalflow.connectors.dns.DnsRecord;
import org.metalflow.network.Allocation;
import org.metalflow.network.NetworkService;
import org.springframework.stereotype.Component;

/**
 * The DHCP reservation and DNS records that follow from a machine's IP allocations. Everything is derived
 * from the allocation (address, NIC, host name, network), so the steps that write records and the steps that
 * remove them compute the same records, even after a restart, and removal needs nothing but the allocation.
 */
@Component
class NetworkRecords {

    private final NetworkService networks;
    private final BootProperties boot;
    private final PlatformUrl platform;
    private final DnsSettings dns;

    NetworkRecords(NetworkService networks, BootProperties boot, PlatformUrl platform, DnsSettings dns) {
        this.networks = networks;
        this.boot = boot;
        this.platform = platform;
        this.dns = dns;
    }

    List<Allocation> allocationsOf(UUID machineId) {
        return networks.allocationsOf(machineId);
    }

    DhcpReservation reservation(Allocation allocation) {
        BootFiles files = allocation.bootServer() == null ? null : new BootFiles(allocation.bootServer(),
                boot.biosFirstStage(), boot.uefiFirstStage(), platform.base() + "/api/v1/boot/ipxe");
        return new DhcpReservation(allocation.mac(), allocation.address(),
                Ipv4Names.subnet(allocation.address(), allocation.prefixLength()), allocation.hostname(), files);
    }

    DnsRecord record(Allocation allocation, DnsRecord.Type type) {
        String fqdn = allocation.hostname() + "." + allocation.domain();
        return switch (type) {
            case A -> new DnsRecord(allocation.domain(), fqdn, DnsRecord.Type.A, allocation.address(), dns.ttl());
            case PTR -> new DnsRecord(Ipv4Names.reverseZone(allocation.address(), allocation.prefixLength()),
                    Ipv4Names.reverseName(allocation.address()), DnsRecord.Type.PTR, fqdn, dns.ttl());
        };
    }
}
