package org.metalflow.bmc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.metalflow.connectors.redfish.SystemInventory;

/** Finds firmware components by name and compares dotted versions (1.10.2 is newer than 1.9.8). */
final class FirmwareVersions {

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private FirmwareVersions() {
    }

    static Optional<SystemInventory.Firmware> find(List<SystemInventory.Firmware> firmware, String component) {
        String wanted = component.toLowerCase(Locale.ROOT);
        return firmware.stream()
                .filter(f -> contains(f.name(), wanted) || contains(f.id(), wanted))
                .findFirst();
    }

    /** True when {@code version} is at least {@code baseline}, comparing the numbers in each, left to right. */
    static boolean atLeast(String version, String baseline) {
        if (version == null) {
            return false;
        }
        Matcher a = NUMBER.matcher(version);
        Matcher b = NUMBER.matcher(baseline);
        while (true) {
            boolean moreA = a.find();
            boolean moreB = b.find();
            if (!moreB) {
                return true;
            }
            if (!moreA) {
                return false;
            }
            int cmp = Long.compare(Long.parseLong(trim(a.group())), Long.parseLong(trim(b.group())));
            if (cmp != 0) {
                return cmp > 0;
            }
        }
    }

    private static String trim(String digits) {
        return digits.length() > 18 ? digits.substring(0, 18) : digits;
    }

    private static boolean contains(String text, String wanted) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(wanted);
    }
}
