package org.metalflow.connectors.dhcp.dnsmasq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.metalflow.connectors.dhcp.BootFiles;
import org.metalflow.connectors.dhcp.DhcpException;
import org.metalflow.connectors.dhcp.DhcpReservation;

/**
 * The text of the two files dnsmasq re-reads on SIGHUP, and back. Rendering is canonical (sorted by MAC, no
 * timestamps), so the same reservations always give the same bytes and an unchanged file means nothing to reload.
 *
 * <p>Hosts file ({@code dhcp-hostsfile}), one reservation per pair of lines; the comment keeps the subnet, which
 * dnsmasq infers from its ranges:
 * <pre>
 * # subnet 10.77.2.0/24
 * 52:54:00:12:34:56,10.77.2.50,node50                       (BootScope.SHARED)
 * 52:54:00:12:34:56,set:mf-525400123456,10.77.2.50,node50   (BootScope.PER_HOST)
 * </pre>
 * Options file ({@code dhcp-optsfile}), the boot lines keyed by {@code known} or by the host's tag; the tags
 * {@code efi64} and {@code ipxe} are set by the static {@code dnsmasq-metalflow.conf}:
 * <pre>
 * tag:known,option:server-ip-address,10.77.2.1                       next-server (siaddr)
 * tag:known,tag:!efi64,tag:!ipxe,option:bootfile-name,undionly.kpxe  BIOS
 * tag:known,tag:efi64,tag:!ipxe,option:bootfile-name,ipxe.efi        x64 UEFI
 * tag:known,tag:ipxe,option:bootfile-name,http://10.77.2.1/boot.ipxe iPXE
 * </pre>
 */
final class DnsmasqFiles {

    static final String KNOWN = "known";
    static final String EFI64 = "efi64";
    static final String IPXE = "ipxe";
    static final String HOST_TAG_PREFIX = "mf-";

    private static final String SUBNET_COMMENT = "# subnet ";
    private static final String NEXT_SERVER = "option:server-ip-address";
    private static final String BOOT_FILE = "option:bootfile-name";

    /** Which boot line a set of architecture tags selects. */
    private enum Role {
        BIOS(List.of("tag:!" + EFI64, "tag:!" + IPXE)),
        UEFI(List.of("tag:" + EFI64, "tag:!" + IPXE)),
        IPXE_SCRIPT(List.of("tag:" + IPXE));

        private final List<String> tags;

        Role(List<String> tags) {
            this.tags = tags;
        }
    }

    record Text(String hosts, String opts) {
    }

    private DnsmasqFiles() {
    }

    static Text render(Collection<DhcpReservation> reservations, BootScope scope) {
        List<DhcpReservation> sorted = reservations.stream().sorted(Comparator.comparing(DhcpReservation::mac)).toList();
        StringBuilder hosts = new StringBuilder()
                .append("# Written by metalflow's dnsmasq connector; edits are overwritten. Boot scope: ")
                .append(scope.name().toLowerCase(Locale.ROOT)).append(".\n");
        StringBuilder opts = new StringBuilder()
                .append("# Written by metalflow's dnsmasq connector; edits are overwritten.\n")
                .append("# Tags efi64 and ipxe come from dnsmasq-metalflow.conf; ")
                .append(scope == BootScope.SHARED ? "tag known means every reserved host.\n" : "tag mf-<mac> is one host.\n");
        for (DhcpReservation r : sorted) {
            hosts.append(SUBNET_COMMENT).append(r.subnet()).append('\n').append(r.mac());
            if (scope == BootScope.PER_HOST && r.boot() != null) {
                hosts.append(",set:").append(hostTag(r.mac()));
                appendBootLines(opts, hostTag(r.mac()), r.boot());
            }
            hosts.append(',').append(r.ipAddress()).append(',').append(r.hostname()).append('\n');
        }
        if (scope == BootScope.SHARED) {
            sorted.stream().map(DhcpReservation::boot).filter(Objects::nonNull).findFirst()
                    .ifPresent(boot -> appendBootLines(opts, KNOWN, boot));
        }
        return new Text(hosts.toString(), opts.toString());
    }

    static String hostTag(String mac) {
        return HOST_TAG_PREFIX + mac.replace(":", "");
    }

    private static void appendBootLines(StringBuilder opts, String scopeTag, BootFiles boot) {
        if (!boot.nextServer().isEmpty()) {
            opts.append("tag:").append(scopeTag).append(',').append(NEXT_SERVER).append(',').append(boot.nextServer()).append('\n');
        }
        appendBootFile(opts, scopeTag, Role.BIOS, boot.biosFile());
        appendBootFile(opts, scopeTag, Role.UEFI, boot.uefiFile());
        appendBootFile(opts, scopeTag, Role.IPXE_SCRIPT, boot.ipxeScriptUrl());
    }

    private static void appendBootFile(StringBuilder opts, String scopeTag, Role role, String file) {
        if (!file.isEmpty()) {
            opts.append("tag:").append(scopeTag).append(',').append(String.join(",", role.tags)).append(',')
                    .append(BOOT_FILE).append(',').append(file).append('\n');
        }
    }

    /** Reads both files back into reservations by MAC; a line this class does not write is refused, never dropped. */
    static Map<String, DhcpReservation> parse(String hostsText, Path hostsFile, String optsText, Path optsFile) {
        Map<String, BootParts> bootByTag = parseOpts(optsText, optsFile);
        Map<String, DhcpReservation> reservations = new TreeMap<>();
        String subnet = null;
        String[] lines = hostsText.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith(SUBNET_COMMENT)) {
                subnet = line.substring(SUBNET_COMMENT.length()).strip();
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            String tag = null;
            if (fields.size() == 4 && fields.get(1).startsWith("set:")) {
                tag = fields.remove(1).substring("set:".length());
            }
            if (fields.size() != 3 || !ReservationCheck.isMac(fields.get(0).toLowerCase(Locale.ROOT))) {
                throw unreadable(hostsFile, i + 1, line, "MAC,IP,HOSTNAME or MAC,set:TAG,IP,HOSTNAME");
            }
            String mac = fields.get(0).toLowerCase(Locale.ROOT);
            String ip = fields.get(1);
            BootParts parts = tag != null ? bootByTag.get(tag) : null;
            if (parts == null) {
                parts = bootByTag.get(KNOWN);
            }
            reservations.put(mac, new DhcpReservation(mac, ip, subnet != null ? subnet : ip + "/32", fields.get(2),
                    parts == null ? null : parts.toBootFiles()));
            subnet = null;
        }
        return reservations;
    }

    /** True when a hosts line sets a tag: dnsmasq 2.90 that served such a line aborts on its next SIGHUP. */
    static boolean setsTags(String hostsText) {
        return hostsText.lines().map(String::strip).anyMatch(l -> !l.startsWith("#") && l.contains(",set:"));
    }

    private static Map<String, BootParts> parseOpts(String optsText, Path optsFile) {
        Map<String, BootParts> byTag = new HashMap<>();
        String[] lines = optsText.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = Arrays.asList(line.split(",", -1));
            int option = 0;
            while (option < fields.size() && fields.get(option).startsWith("tag:")) {
                option++;
            }
            if (option == 0 || option != fields.size() - 2) {
                throw unreadable(optsFile, i + 1, line, "tag:TAG[,tag:...],option:NAME,VALUE");
            }
            String scopeTag = fields.get(0).substring("tag:".length());
            List<String> roleTags = fields.subList(1, option);
            String name = fields.get(option);
            String value = fields.get(option + 1);
            BootParts parts = byTag.computeIfAbsent(scopeTag, t -> new BootParts());
            if (name.equals(NEXT_SERVER) && roleTags.isEmpty()) {
                parts.nextServer = value;
            } else if (name.equals(BOOT_FILE) && roleFor(roleTags) != null) {
                parts.files.put(roleFor(roleTags), value);
            } else {
                throw unreadable(optsFile, i + 1, line, "a next-server or boot-file line keyed by known or mf-<mac>");
            }
        }
        return byTag;
    }

    private static Role roleFor(List<String> tags) {
        for (Role role : Role.values()) {
            if (tags.size() == role.tags.size() && Set.copyOf(tags).equals(Set.copyOf(role.tags))) {
                return role;
            }
        }
        return null;
    }

    private static DhcpException unreadable(Path file, int lineNumber, String line, String expected) {
        return new DhcpException("dnsmasq file " + file + " line " + lineNumber + " is not in the format metalflow writes (expected "
                + expected + "): " + line + "; point the connector at files only it writes", false);
    }

    private static final class BootParts {
        private String nextServer = "";
        private final Map<Role, String> files = new LinkedHashMap<>();

        BootFiles toBootFiles() {
            return new BootFiles(nextServer, files.getOrDefault(Role.BIOS, ""), files.getOrDefault(Role.UEFI, ""),
                    files.getOrDefault(Role.IPXE_SCRIPT, ""));
        }
    }
}
