package org.metalflow.network;

/**
 * An IPv4 network in CIDR notation ({@code 10.88.0.0/16}): its network address and prefix length. Parsing
 * refuses host bits (10.88.1.0/16) rather than silently masking them, because a typo in a CIDR would
 * otherwise become a different network.
 */
public record Cidr(Ipv4 network, int prefixLength) {

    public Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length /" + prefixLength + " is not between /0 and /32");
        }
        if ((network.toLong() & ~mask(prefixLength) & Ipv4.MAX) != 0) {
            throw new IllegalArgumentException(network + "/" + prefixLength + " has host bits set; the network is "
                    + Ipv4.fromLong(network.toLong() & mask(prefixLength)) + "/" + prefixLength);
        }
    }

    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a CIDR such as 10.0.0.0/24 is required");
        }
        String s = text.trim();
        if (s.indexOf(':') >= 0) {
            throw new IllegalArgumentException("'" + s + "' is an IPv6 network; only IPv4 is supported");
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + s + "' has no prefix length; write it as address/prefix, e.g. "
                    + s + "/24");
        }
        String prefix = s.substring(slash + 1);
        if (prefix.isEmpty() || prefix.length() > 2 || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(prefix) > 32) {
            throw new IllegalArgumentException("'" + s + "' has prefix length '" + prefix + "'; it must be 0 to 32");
        }
        Ipv4 address;
        try {
            address = Ipv4.parse(s.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' is not a CIDR: " + e.getMessage(), e);
        }
        return new Cidr(address, Integer.parseInt(prefix));
    }

    private static long mask(int prefixLength) {
        return prefixLength == 0 ? 0 : (Ipv4.MAX << (32 - prefixLength)) & Ipv4.MAX;
    }

    /** The first address of the network (all host bits 0). */
    public Ipv4 networkAddress() {
        return network;
    }

    /** The last address of the network (all host bits 1). */
    /** The dotted mask of this prefix, e.g. 255.255.0.0 for a /16. */
    public Ipv4 netmask() {
        return Ipv4.fromLong(mask(prefixLength));
    }

    public Ipv4 broadcast() {
        return Ipv4.fromLong(network.toLong() | (~mask(prefixLength) & Ipv4.MAX));
    }

    /** How many addresses the network spans, network and broadcast included. */
    public long size() {
        return 1L << (32 - prefixLength);
    }

    public boolean contains(Ipv4 address) {
        return address.toLong() >= network.toLong() && address.toLong() <= broadcast().toLong();
    }

    public boolean overlaps(Cidr other) {
        return network.toLong() <= other.broadcast().toLong() && other.network.toLong() <= broadcast().toLong();
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
