package org.metalflow.connectors.dns;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Canonical spellings of record values and names, so values read from a server compare equal to wanted ones. */
public final class RecordValues {

    private RecordValues() {
    }

    /**
     * {@code value} as the providers compare and write it: an A value as a dotted quad without leading zeros, a
     * PTR value as an absolute lower-case name.
     *
     * @throws IllegalArgumentException when an A value is no IPv4 address or a PTR value is empty
     */
    public static String canonical(DnsRecord.Type type, String value) {
        String trimmed = value.strip();
        return switch (type) {
            case A -> {
                int[] octets = ipv4Octets(trimmed);
                yield octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
            }
            case PTR -> {
                if (trimmed.isEmpty() || trimmed.equals(".")) {
                    throw new IllegalArgumentException("a PTR value must be a host name, not '" + value + "'");
                }
                String lower = trimmed.toLowerCase(Locale.ROOT);
                yield lower.endsWith(".") ? lower : lower + ".";
            }
        };
    }

    /** The canonical values, sorted and without duplicates. */
    public static Set<String> canonical(DnsRecord.Type type, Collection<String> values) {
        Set<String> canonical = new TreeSet<>();
        for (String value : values) {
            canonical.add(canonical(type, value));
        }
        return canonical;
    }

    /** True when absolute {@code name} is {@code zone} or below it (both absolute, any case). */
    public static boolean inZone(String name, String zone) {
        String n = name.toLowerCase(Locale.ROOT);
        String z = zone.toLowerCase(Locale.ROOT);
        return n.equals(z) || n.endsWith("." + z);
    }

    static int[] ipv4Octets(String ipv4) {
        List<String> parts = List.of(ipv4.strip().split("\\.", -1));
        if (parts.size() != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + ipv4 + "'");
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            String part = parts.get(i);
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not an IPv4 address: '" + ipv4 + "'");
            }
            octets[i] = Integer.parseInt(part);
            if (octets[i] > 255) {
                throw new IllegalArgumentException("not an IPv4 address: '" + ipv4 + "'");
            }
        }
        return octets;
    }
}
