package org.metalflow.connectors.dhcp.kea;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.metalflow.connectors.dhcp.DhcpException;
import org.metalflow.connectors.dhcp.DhcpReservation;

/** What both Kea providers refuse before they touch Kea: input Kea would reject or misread. */
final class ReservationRules {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private ReservationRules() {
    }

    /** The MAC in the form Kea prints, lower-case and colon-separated; refuses anything else. */
    static String mac(String mac, String server) {
        String normalized = mac == null ? "" : mac.strip().toLowerCase(Locale.ROOT);
        if (!MAC.matcher(normalized).matches()) {
            throw new DhcpException(server + ": '" + mac + "' is not a MAC address (expected 52:54:00:12:34:56)", false);
        }
        return normalized;
    }

    /** The six bytes Kea keeps as a hw-address identifier. */
    static byte[] macBytes(String mac) {
        return HexFormat.of().parseHex(mac.replace(":", ""));
    }

    static String macFromBytes(byte[] identifier) {
        return HexFormat.ofDelimiter(":").formatHex(identifier);
    }

    /** Checks the reservation and returns its subnet, normalized. */
    static Ipv4.Cidr check(DhcpReservation reservation, String server) {
        mac(reservation.mac(), server);
        String what = server + ": reservation for " + reservation.mac();
        Ipv4.Cidr subnet;
        long address;
        try {
            subnet = Ipv4.Cidr.parse(reservation.subnet());
            address = Ipv4.parse(reservation.ipAddress());
        } catch (IllegalArgumentException e) {
            throw new DhcpException(what + " is invalid: " + e.getMessage(), false);
        }
        if (!subnet.contains(address) || subnet.isNetworkOrBroadcast(address)) {
            throw new DhcpException(what + " asks for " + reservation.ipAddress() + ", which is not a host address of "
                    + subnet, false);
        }
        if (!hostname(reservation.hostname())) {
            throw new DhcpException(what + " has host name '" + reservation.hostname()
                    + "', which is not an RFC 1123 name", false);
        }
        if (reservation.boot() != null && !Ipv4.isDotted(reservation.boot().nextServer())) {
            throw new DhcpException(what + " has next-server '" + reservation.boot().nextServer()
                    + "', which is not an IPv4 address", false);
        }
        return subnet;
    }

    private static boolean hostname(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        for (String label : bare.toLowerCase(Locale.ROOT).split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
