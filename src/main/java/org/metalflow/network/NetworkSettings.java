package org.metalflow.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.metalflow.api.InvalidFieldException;

/**
 * A network's settings parsed and checked against each other: every address is IPv4, the gateway is a host
 * of the CIDR. Refusals name the request field.
 */
record NetworkSettings(Cidr cidr, Ipv4 gateway, List<Ipv4> dnsServers, String domain, Integer vlan, String site,
                       Ipv4 bootServer) {

    static final int MIN_PREFIX = 8;
    static final int MAX_PREFIX = 30;

    static NetworkSettings of(NetworkRequest request) {
        Cidr cidr = parse("cidr", () -> Cidr.parse(request.cidr()));
        if (cidr.prefixLength() < MIN_PREFIX || cidr.prefixLength() > MAX_PREFIX) {
            throw new InvalidFieldException("cidr", cidr + " is a /" + cidr.prefixLength() + "; a network must be /"
                    + MIN_PREFIX + " to /" + MAX_PREFIX);
        }
        Ipv4 gateway = optional("gateway", request.gateway());
        if (gateway != null) {
            requireHost(cidr, gateway, "gateway");
        }
        List<Ipv4> dns = new ArrayList<>();
        for (int i = 0; i < request.dnsServers().size(); i++) {
            String field = "dnsServers[" + i + "]";
            String text = request.dnsServers().get(i);
            dns.add(parse(field, () -> Ipv4.parse(text)));
        }
        Ipv4 bootServer = optional("bootServer", request.bootServer());
        if (bootServer != null && cidr.contains(bootServer)) {
            requireHost(cidr, bootServer, "bootServer");
        }
        if (request.vlan() != null && (request.vlan() < 1 || request.vlan() > 4094)) {
            throw new InvalidFieldException("vlan", "must be between 1 and 4094");
        }
        return new NetworkSettings(cidr, gateway, List.copyOf(dns), blankToNull(request.domain()), request.vlan(),
                blankToNull(request.site()), bootServer);
    }

    /** The settings of a stored network (valid when stored). */
    static NetworkSettings of(Network network) {
        return new NetworkSettings(network.subnet(), address(network.gateway()),
                network.dnsServers().stream().map(Ipv4::parse).toList(), network.domain(), network.vlan(),
                network.site(), address(network.bootServer()));
    }

    /**
     * Addresses of the CIDR allocation never hands out, though a pool may span them: the network and broadcast
     * address, and the gateway, boot server and DNS servers where they lie inside the CIDR.
     */
    Set<Long> skipped() {
        Set<Long> skipped = new TreeSet<>();
        skipped.add(cidr.networkAddress().toLong());
        skipped.add(cidr.broadcast().toLong());
        List<Ipv4> infrastructure = new ArrayList<>(dnsServers);
        if (gateway != null) {
            infrastructure.add(gateway);
        }
        if (bootServer != null) {
            infrastructure.add(bootServer);
        }
        infrastructure.stream().filter(cidr::contains).forEach(a -> skipped.add(a.toLong()));
        return skipped;
    }

    String dnsServersText() {
        return String.join(",", dnsServers.stream().map(Ipv4::toString).toList());
    }

    static <T> T parse(String field, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "is not valid: " + e.getMessage());
        }
    }

    /** Checks that the address is a host of the network: inside it, neither its network nor broadcast address. */
    static void requireHost(Cidr cidr, Ipv4 address, String field) {
        if (!cidr.contains(address)) {
            throw new InvalidFieldException(field, address + " is outside " + cidr);
        }
        if (address.equals(cidr.networkAddress())) {
            throw new InvalidFieldException(field, address + " is the network address of " + cidr);
        }
        if (address.equals(cidr.broadcast())) {
            throw new InvalidFieldException(field, address + " is the broadcast address of " + cidr);
        }
    }

    private static Ipv4 optional(String field, String text) {
        return text == null || text.isBlank() ? null : parse(field, () -> Ipv4.parse(text));
    }

    private static Ipv4 address(String dotted) {
        return dotted == null ? null : Ipv4.parse(dotted);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
