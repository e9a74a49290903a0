package org.metalflow.records;

/** Names derived from an IPv4 address: its subnet in CIDR form, its reverse name and reverse zone. */
final class Ipv4Names {

    private Ipv4Names() {
    }

    static String subnet(String address, int prefixLength) {
        long value = toLong(address);
        long mask = prefixLength == 0 ? 0 : (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
        return fromLong(value & mask) + "/" + prefixLength;
    }

    /** {@code 10.88.1.5} -> {@code 5.1.88.10.in-addr.arpa.} */
    static String reverseName(String address) {
        String[] octets = address.split("\\.");
        return octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa.";
    }

    /**
     * The octet-aligned reverse zone that holds the network: a /24 or longer prefix gets its three-octet zone, a
     * /16 to /23 the two-octet zone, a /8 to /15 the one-octet zone (RFC 2317 classless delegation is not used).
     */
    static String reverseZone(String address, int prefixLength) {
        String[] octets = address.split("\\.");
        if (prefixLength >= 24) {
            return octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa.";
        }
        if (prefixLength >= 16) {
            return octets[1] + "." + octets[0] + ".in-addr.arpa.";
        }
        return octets[0] + ".in-addr.arpa.";
    }

    private static long toLong(String address) {
        String[] octets = address.split("\\.");
        long value = 0;
        for (String octet : octets) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    private static String fromLong(long value) {
        return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
    }
}
