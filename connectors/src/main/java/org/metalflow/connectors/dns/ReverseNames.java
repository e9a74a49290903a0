package org.metalflow.connectors.dns;

import java.util.Set;

/**
 * Reverse-lookup names of IPv4 addresses ({@code 10.77.0.5} -> {@code 5.0.77.10.in-addr.arpa.}).
 *
 * <p>Reverse zones are octet-aligned: a /8, /16 or /24 network has the zone of its first one, two or three
 * octets ({@code 10.in-addr.arpa.}, {@code 77.10.in-addr.arpa.}, {@code 0.77.10.in-addr.arpa.}). Classless
 * delegation (RFC 2317, e.g. {@code 0/26.0.77.10.in-addr.arpa.} for a /26) is not supported: give such
 * networks the zone of the enclosing /24.
 */
public final class ReverseNames {

    private static final Set<Integer> OCTET_ALIGNED = Set.of(8, 16, 24);

    private ReverseNames() {
    }

    /** The PTR owner name of {@code ipv4}, absolute. */
    public static String of(String ipv4) {
        int[] octets = RecordValues.ipv4Octets(ipv4);
        return octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa.";
    }

    /** The reverse zone of the octet-aligned network of {@code prefixLength} (8, 16 or 24) bits that holds {@code ipv4}. */
    public static String zone(String ipv4, int prefixLength) {
        if (!OCTET_ALIGNED.contains(prefixLength)) {
            throw new IllegalArgumentException("reverse zones are octet-aligned (/8, /16 or /24), not /" + prefixLength
                    + "; use the zone of the enclosing /24 for " + ipv4 + "/" + prefixLength);
        }
        int[] octets = RecordValues.ipv4Octets(ipv4);
        StringBuilder zone = new StringBuilder();
        for (int i = prefixLength / 8 - 1; i >= 0; i--) {
            zone.append(octets[i]).append('.');
        }
        return zone.append("in-addr.arpa.").toString();
    }

    /** The PTR record that maps {@code ipv4} back to {@code hostName} in {@code reverseZone}. */
    public static DnsRecord ptr(String reverseZone, String ipv4, String hostName, int ttl) {
        DnsRecord record = new DnsRecord(reverseZone, of(ipv4), DnsRecord.Type.PTR, hostName, ttl);
        if (!RecordValues.inZone(record.name(), record.zone())) {
            throw new IllegalArgumentException(record.name() + " (for " + ipv4 + ") is not in reverse zone " + record.zone());
        }
        return record;
    }
}
