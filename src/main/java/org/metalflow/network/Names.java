package org.metalflow.network;

import java.util.Locale;
import java.util.regex.Pattern;

/** The name rules of networks, pools, domains and host names (RFC 1123). */
final class Names {

    static final String LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    static final String LABEL_MESSAGE =
            "must be an RFC 1123 label: lower-case letters, digits and '-', not at either end";
    static final String DOMAIN = LABEL + "(\\." + LABEL + ")*";
    static final String DOMAIN_MESSAGE = "must be an RFC 1123 domain name: labels of lower-case letters, digits and"
            + " '-' separated by dots, e.g. lab.example";

    private static final Pattern HOSTNAME = Pattern.compile(DOMAIN);
    private static final Pattern MAC =
            Pattern.compile("[0-9a-f]{2}([:-])[0-9a-f]{2}(\\1[0-9a-f]{2}){4}");

    private Names() {
    }

    /** A host name (one label or a FQDN), lower-cased; null when it breaks RFC 1123. */
    static String hostname(String text) {
        if (text == null) {
            return null;
        }
        String name = text.trim().toLowerCase(Locale.ROOT);
        return name.length() <= 253 && HOSTNAME.matcher(name).matches() ? name : null;
    }

    /** A MAC address as {@code 52:54:00:12:34:56}, from colon- or dash-separated input; null when malformed. */
    static String mac(String text) {
        if (text == null) {
            return null;
        }
        String mac = text.trim().toLowerCase(Locale.ROOT);
        if (!MAC.matcher(mac).matches()) {
            return null;
        }
        return mac.replace('-', ':');
    }
}
