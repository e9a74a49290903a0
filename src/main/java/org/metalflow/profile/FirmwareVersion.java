package org.metalflow.profile;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a firmware baseline is read: which installed component a {@link HardwareProfile.FirmwareSpec} names, and
 * whether a version reaches it, comparing dotted versions number by number (1.10.2 is newer than 1.9.8).
 */
public final class FirmwareVersion {

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private FirmwareVersion() {
    }

    /** Whether a component called {@code name} (or {@code id}) is the one a baseline names, case-insensitive. */
    public static boolean names(String component, String name, String id) {
        String wanted = component.toLowerCase(Locale.ROOT);
        return contains(name, wanted) || contains(id, wanted);
    }

    /** True when {@code version} is at least {@code baseline}, comparing the numbers in each, left to right. */
    public static boolean atLeast(String version, String baseline) {
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
