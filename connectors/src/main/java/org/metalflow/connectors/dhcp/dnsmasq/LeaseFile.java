package org.metalflow.connectors.dhcp.dnsmasq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.metalflow.connectors.dhcp.DhcpLease;

/**
 * dnsmasq's {@code dhcp-leasefile}: one IPv4 lease a line, {@code EXPIRY MAC IP HOSTNAME CLIENT-ID}, where EXPIRY
 * is seconds since the epoch (0 = never) and {@code *} stands for no name. The DHCPv6 part after the {@code duid}
 * line and non-Ethernet hardware addresses are skipped.
 */
final class LeaseFile {

    private LeaseFile() {
    }

    static List<DhcpLease> parse(String text) {
        List<DhcpLease> leases = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 4) {
                continue;
            }
            if (fields[0].equals("duid")) {
                break;
            }
            String mac = fields[1].toLowerCase(Locale.ROOT);
            if (!ReservationCheck.isMac(mac) || !fields[2].matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                continue;
            }
            long expiry;
            try {
                expiry = Long.parseLong(fields[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            leases.add(new DhcpLease(mac, fields[2], fields[3].equals("*") ? null : fields[3],
                    expiry == 0 ? null : Instant.ofEpochSecond(expiry)));
        }
        return leases;
    }
}
