package org.metalflow.connectors.dhcp;

import java.util.Locale;
import java.util.Objects;

/**
 * A host reservation: this MAC always gets this IPv4 address in this subnet, with a host name and, when the
 * machine network-boots, what to boot.
 *
 * @param mac        lower-case, colon-separated, e.g. {@code 52:54:00:12:34:56}
 * @param ipAddress  dotted IPv4 address inside {@code subnet}
 * @param subnet     the CIDR of the DHCP subnet the address belongs to, e.g. {@code 10.77.1.0/24}
 * @param hostname   RFC 1123 host name (a single label or a FQDN)
 * @param boot       what to boot, or {@code null} when the machine must not network-boot
 */
public record DhcpReservation(String mac, String ipAddress, String subnet, String hostname, BootFiles boot) {

    public DhcpReservation {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(hostname, "hostname");
        mac = mac.toLowerCase(Locale.ROOT);
    }
}
