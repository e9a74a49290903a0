package org.metalflow.network;

/**
 * An IPv4 address as its unsigned 32-bit value, kept in a {@code long} so that addresses compare and store
 * (as {@code bigint}) numerically. Parsing is strict: four decimal numbers 0-255 without leading zeros, since
 * {@code 010} means 8 to some resolvers and 10 to others.
 */
public record Ipv4(long value) implements Comparable<Ipv4> {

    public static final long MAX = 0xFFFF_FFFFL;

    public Ipv4 {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException(value + " is not an IPv4 address value (0 to " + MAX + ")");
        }
    }

    public static Ipv4 fromLong(long value) {
        return new Ipv4(value);
    }

    /** Parses dotted-quad notation; the message of the exception says what is wrong, for an operator. */
    public static Ipv4 parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an IPv4 address is required");
        }
        String s = text.trim();
        if (s.indexOf(':') >= 0) {
            throw new IllegalArgumentException("'" + s + "' is an IPv6 address; only IPv4 is supported");
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw notAnAddress(s);
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw notAnAddress(s);
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                throw new IllegalArgumentException("'" + s + "' has a leading zero in '" + part
                        + "'; write IPv4 numbers without leading zeros");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("'" + s + "' has " + octet + "; each number must be 0 to 255");
            }
            value = (value << 8) | octet;
        }
        return new Ipv4(value);
    }

    private static IllegalArgumentException notAnAddress(String s) {
        return new IllegalArgumentException("'" + s
                + "' is not an IPv4 address (four numbers 0-255 separated by dots)");
    }

    public long toLong() {
        return value;
    }

    /** The address {@code n} after this one; fails past 255.255.255.255. */
    public Ipv4 plus(long n) {
        return new Ipv4(value + n);
    }

    @Override
    public int compareTo(Ipv4 other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return ((value >> 24) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "."
                + (value & 0xFF);
    }
}
