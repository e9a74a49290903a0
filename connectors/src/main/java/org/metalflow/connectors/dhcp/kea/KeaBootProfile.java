package org.metalflow.connectors.dhcp.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.metalflow.connectors.dhcp.BootFiles;

/**
 * The boot files of one group of machines, as four Kea client classes. A reservation joins the group by naming
 * {@link #name()} in its {@code client-classes}; that class has no test of its own. Three classes that test
 * {@code member(name)} then give the BOOTP {@code file} field: the iPXE script URL to iPXE (user class option 77 =
 * "iPXE"), {@link #uefiFile()} to x64 UEFI firmware (option 93 = 7 or 9) and {@link #biosFile()} to BIOS (93 = 0).
 * Their tests also depend on {@code KNOWN}, so Kea evaluates them after the host lookup that assigns the reserved
 * class. The reservation itself must carry no {@code boot-file-name}: Kea lets a reservation's own value win over
 * every class. The next-server stays in the reservation, so it can differ per host.
 *
 * <p>Kea 2.2 has no other per-host way to answer by architecture: a host's option-data is one fixed value for
 * every client kind, and it outranks class options.
 *
 * @param name          class name, lower-case letters, digits and dashes, e.g. {@code metalflow-netboot}
 * @param biosFile      first stage for BIOS, e.g. {@code undionly.kpxe}
 * @param uefiFile      first stage for x64 UEFI, e.g. {@code ipxe.efi}
 * @param ipxeScriptUrl what iPXE loads, e.g. {@code http://10.77.1.1:8080/api/v1/boot/ipxe}
 */
public record KeaBootProfile(String name, String biosFile, String uefiFile, String ipxeScriptUrl) {

    /** Prefix of the profiles {@link KeaControlAgentProvider} creates and deletes by itself. */
    static final String AUTOMATIC_PREFIX = "metalflow-boot-";
    static final String IPXE_SUFFIX = "-ipxe";
    static final String UEFI_SUFFIX = "-uefi";
    static final String BIOS_SUFFIX = "-bios";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
    /** The BOOTP file field holds 128 octets including the terminating NUL. */
    private static final int MAX_FILE = 127;
    private static final String IS_IPXE = "option[77].hex == 'iPXE'";
    private static final String IS_UEFI = "(option[93].hex == 0x0007 or option[93].hex == 0x0009)";
    private static final String IS_BIOS = "option[93].hex == 0x0000";

    public KeaBootProfile {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("boot profile name '" + name
                    + "' must be lower-case letters, digits and dashes (at most 48)");
        }
        checkFile("biosFile", biosFile);
        checkFile("uefiFile", uefiFile);
        checkFile("ipxeScriptUrl", ipxeScriptUrl);
    }

    /** The profile {@link KeaControlAgentProvider} writes for these files: its name is derived from them. */
    static KeaBootProfile automatic(BootFiles boot) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((boot.biosFile() + "\n" + boot.uefiFile() + "\n" + boot.ipxeScriptUrl())
                    .getBytes(StandardCharsets.UTF_8));
            String id = HexFormat.of().formatHex(digest, 0, 6);
            return new KeaBootProfile(AUTOMATIC_PREFIX + id, boot.biosFile(), boot.uefiFile(), boot.ipxeScriptUrl());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** True when this profile serves the files of {@code boot} (its next-server lives in the reservation). */
    public boolean serves(BootFiles boot) {
        return boot != null && biosFile.equals(boot.biosFile()) && uefiFile.equals(boot.uefiFile())
                && ipxeScriptUrl.equals(boot.ipxeScriptUrl());
    }

    BootFiles withNextServer(String nextServer) {
        return new BootFiles(nextServer, biosFile, uefiFile, ipxeScriptUrl);
    }

    /**
     * The {@code client-classes} entries of this profile, in the order Kea needs (a class must be defined before
     * a test names it). For the hosts-database mode this is the snippet to put into Kea's configuration.
     */
    public ArrayNode clientClasses() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ArrayNode classes = json.arrayNode();
        classes.addObject().put("name", name);
        String member = "member('KNOWN') and member('" + name + "')";
        classes.add(fileClass(name + IPXE_SUFFIX, member + " and " + IS_IPXE, ipxeScriptUrl));
        classes.add(fileClass(name + UEFI_SUFFIX, member + " and not (" + IS_IPXE + ") and " + IS_UEFI, uefiFile));
        classes.add(fileClass(name + BIOS_SUFFIX, member + " and not (" + IS_IPXE + ") and " + IS_BIOS, biosFile));
        return classes;
    }

    /** The same as {@link #clientClasses()}, as JSON text to paste into {@code Dhcp4.client-classes}. */
    public String clientClassesJson() {
        return clientClasses().toPrettyString();
    }

    /**
     * Reads a profile back from Kea's class definitions (by name), or nothing when they are not all there.
     * Only the marker and the three file classes are looked at; Kea's own defaults in them are ignored.
     */
    static Optional<KeaBootProfile> fromClasses(String name, Map<String, JsonNode> classesByName) {
        if (!classesByName.containsKey(name)) {
            return Optional.empty();
        }
        String ipxe = bootFile(classesByName.get(name + IPXE_SUFFIX));
        String uefi = bootFile(classesByName.get(name + UEFI_SUFFIX));
        String bios = bootFile(classesByName.get(name + BIOS_SUFFIX));
        if (ipxe == null || uefi == null || bios == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KeaBootProfile(name, bios, uefi, ipxe));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The marker name a class of some profile belongs to, e.g. {@code x-ipxe -> x}. */
    static String markerOf(String className) {
        for (String suffix : new String[] {IPXE_SUFFIX, UEFI_SUFFIX, BIOS_SUFFIX}) {
            if (className.endsWith(suffix)) {
                return className.substring(0, className.length() - suffix.length());
            }
        }
        return className;
    }

    private static String bootFile(JsonNode definition) {
        if (definition == null || !definition.path("boot-file-name").isTextual()) {
            return null;
        }
        String file = definition.get("boot-file-name").asText();
        return file.isEmpty() ? null : file;
    }

    private static ObjectNode fileClass(String name, String test, String bootFile) {
        ObjectNode definition = JsonNodeFactory.instance.objectNode();
        definition.put("name", name);
        definition.put("test", test);
        definition.put("boot-file-name", bootFile);
        return definition;
    }

    private static void checkFile(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.length() > MAX_FILE || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                || value.indexOf('\'') >= 0 || value.indexOf('"') >= 0) {
            throw new IllegalArgumentException(what + " '" + value + "' must be 1 to " + MAX_FILE
                    + " printable ASCII characters without spaces or quotes (it goes into the BOOTP file field)");
        }
    }
}
