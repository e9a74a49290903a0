package org.metalflow.records;

import java.util.List;
import java.util.UUID;
import org.metalflow.boot.BootProperties;
import org.metalflow.boot.PlatformUrl;
import org.metalflow.connectors.dhcp.BootFiles;
import org.metalflow.connectors.dhcp.DhcpReservation;
import org.metalflow.connectors.dns.DnsRecord;
import org.metalflow.connectors.dns.ReverseNames;
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
                allocation.cidr(), allocation.hostname(), files);
    }

    /**
     * The prefix of the octet-aligned reverse zone that holds the network: /24 for a /24 or longer, /16 for /16
     * to /23, /8 for /8 to /15 (RFC 2317 classless delegation is not used).
     */
    static int octetAligned(int prefixLength) {
        return prefixLength >= 24 ? 24 : prefixLength >= 16 ? 16 : 8;
    }

    DnsRecord record(Allocation allocation, DnsRecord.Type type) {
        String fqdn = allocation.hostname() + "." + allocation.domain();
        return switch (type) {
            case A -> new DnsRecord(allocation.domain(), fqdn, DnsRecord.Type.A, allocation.address(), dns.ttl());
            case PTR -> ReverseNames.ptr(ReverseNames.zone(allocation.address(), octetAligned(allocation.prefixLength())),
                    allocation.address(), fqdn, dns.ttl());
        };
    }
}
