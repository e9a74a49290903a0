package org.metalflow.connectors.dhcp.dnsmasq;

import java.util.regex.Pattern;
import org.metalflow.connectors.dhcp.BootFiles;
import org.metalflow.connectors.dhcp.DhcpException;
import org.metalflow.connectors.dhcp.DhcpReservation;

/**
 * Refuses reservations dnsmasq would misread. Its files are comma-separated with no quoting, so a value holding a
 * comma, a space or a line break would split into other fields or inject another line.
 */
final class ReservationCheck {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    /** Printable ASCII without space, comma, quote, backslash or '#': what a boot file name or URL needs. */
    private static final Pattern BOOT_VALUE = Pattern.compile("[!$-+\\--\\[\\]-~]*");
    /** dnsmasq refuses a DHCP option longer than 255 bytes. */
    private static final int MAX_OPTION_LENGTH = 255;

    private ReservationCheck() {
    }

    static boolean isMac(String mac) {
        return MAC.matcher(mac).matches();
    }

    static void validate(DhcpReservation r) {
        if (!isMac(r.mac())) {
            throw refused(r, "MAC " + r.mac() + " is not six colon-separated hex bytes");
        }
        if (!IPV4.matcher(r.ipAddress()).matches()) {
            throw refused(r, "IP address " + r.ipAddress() + " is not a dotted IPv4 address");
        }
        if (!inSubnet(r.ipAddress(), r.subnet())) {
            throw refused(r, "IP address " + r.ipAddress() + " is not inside subnet " + r.subnet());
        }
        if (!isHostname(r.hostname())) {
            throw refused(r, "host name '" + r.hostname() + "' is not an RFC 1123 host name");
        }
        BootFiles boot = r.boot();
        if (boot != null) {
            if (!boot.nextServer().isEmpty() && !IPV4.matcher(boot.nextServer()).matches()) {
                throw refused(r, "next-server " + boot.nextServer() + " is not a dotted IPv4 address");
            }
            checkBootValue(r, "BIOS boot file", boot.biosFile());
            checkBootValue(r, "UEFI boot file", boot.uefiFile());
            checkBootValue(r, "iPXE script URL", boot.ipxeScriptUrl());
            if (boot.nextServer().isEmpty() && boot.biosFile().isEmpty() && boot.uefiFile().isEmpty()
                    && boot.ipxeScriptUrl().isEmpty()) {
                throw refused(r, "every boot field is empty; pass no boot files for a host that must not network-boot");
            }
        }
    }

    private static void checkBootValue(DhcpReservation r, String what, String value) {
        if (value.length() > MAX_OPTION_LENGTH || !BOOT_VALUE.matcher(value).matches()) {
            throw refused(r, what + " '" + value + "' must be at most " + MAX_OPTION_LENGTH
                    + " printable characters without space, comma, quote, backslash or '#'");
        }
    }

    private static boolean isHostname(String name) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (trimmed.isEmpty() || trimmed.length() > 253) {
            return false;
        }
        for (String label : trimmed.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean inSubnet(String ip, String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0 || !IPV4.matcher(cidr.substring(0, slash)).matches()) {
            return false;
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (prefix < 0 || prefix > 32) {
            return false;
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (toLong(ip) & mask) == (toLong(cidr.substring(0, slash)) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String part : ip.split("\\.")) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    private static DhcpException refused(DhcpReservation r, String why) {
        return new DhcpException("dnsmasq reservation for " + r.mac() + " refused: " + why, false);
    }
}
