package org.metalflow.connectors.dns;

import java.util.Locale;
import java.util.Objects;

/**
 * One DNS record. Names are absolute and end with a dot ({@code node1.lab.example.},
 * {@code 5.1.77.10.in-addr.arpa.}); a PTR value is an absolute name too.
 *
 * @param zone the zone the record belongs to, absolute ({@code lab.example.}, {@code 1.77.10.in-addr.arpa.})
 */
public record DnsRecord(String zone, String name, Type type, String value, int ttl) {

    public enum Type { A, PTR }

    public DnsRecord {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        zone = absolute(zone);
        name = absolute(name);
        if (type == Type.PTR) {
            value = absolute(value);
        }
    }

    private static String absolute(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }
}
