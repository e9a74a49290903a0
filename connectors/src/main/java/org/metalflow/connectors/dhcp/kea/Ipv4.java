package org.metalflow.connectors.dhcp.kea;

import java.util.regex.Pattern;

/** Dotted IPv4 addresses and CIDR subnets as Kea stores them: an address is an unsigned 32-bit number. */
final class Ipv4 {

    private static final Pattern DOTTED = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Ipv4() {
    }

    /** The address as Kea's hosts table stores it, or an {@link IllegalArgumentException} naming the bad text. */
    static long parse(String dotted) {
        var m = dotted == null ? null : DOTTED.matcher(dotted);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a dotted IPv4 address: " + dotted);
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255 || (m.group(i).length() > 1 && m.group(i).startsWith("0"))) {
                throw new IllegalArgumentException("not a dotted IPv4 address: " + dotted);
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    static String format(long address) {
        return ((address >> 24) & 0xff) + "." + ((address >> 16) & 0xff) + "." + ((address >> 8) & 0xff) + "."
                + (address & 0xff);
    }

    static boolean isDotted(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An IPv4 subnet; {@link #toString()} is the normalized CIDR, e.g. {@code 10.77.1.0/24}. */
    record Cidr(long network, int prefix) {

        static Cidr parse(String cidr) {
            int slash = cidr == null ? -1 : cidr.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
            }
            long address = Ipv4.parse(cidr.substring(0, slash).strip());
            int prefix;
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
            }
            if (prefix < 0 || prefix > 32) {
                throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
            }
            return new Cidr(address & mask(prefix), prefix);
        }

        boolean contains(long address) {
            return (address & mask(prefix)) == network;
        }

        /** The network and broadcast addresses of subnets that have them (prefix 30 or shorter). */
        boolean isNetworkOrBroadcast(long address) {
            return prefix <= 30 && (address == network || address == (network | (~mask(prefix) & 0xffffffffL)));
        }

        private static long mask(int prefix) {
            return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        }

        @Override
        public String toString() {
            return format(network) + "/" + prefix;
        }
    }
}
