package org.metalflow.connectors.redfish;

import java.net.URI;
import java.util.Objects;

/**
 * Where a BMC is and how to log in. The password is held only as long as a call needs it and is
 * never part of {@link #toString()}.
 */
public record BmcEndpoint(URI address, String username, String password, TlsTrust tls) {

    public BmcEndpoint {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        tls = tls == null ? TlsTrust.system() : tls;
    }

    /** The key under which sessions and the request limit are shared: one per BMC and user. */
    public String key() {
        return username + "@" + address;
    }

    @Override
    public String toString() {
        return "BmcEndpoint[" + address + ", user=" + username + ", tls=" + tls + "]";
    }
}
