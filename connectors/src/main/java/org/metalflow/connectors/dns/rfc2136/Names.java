package org.metalflow.connectors.dns.rfc2136;

import org.metalflow.connectors.dns.DnsException;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

final class Names {

    private Names() {
    }

    /** An absolute name; a name that does not parse is bad input (not transient). */
    static Name parse(String name, String role) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new DnsException(role + " '" + name + "' is not a valid DNS name: " + e.getMessage(), false, e);
        }
    }
}
