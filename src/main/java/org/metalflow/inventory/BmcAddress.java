package org.metalflow.inventory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.metalflow.api.InvalidFieldException;

/**
 * Checks and normalises a BMC address to {@code scheme://host:port}, so the same BMC written two ways is
 * recognised as a duplicate.
 */
final class BmcAddress {

    private static final String FIELD = "bmc.address";

    private BmcAddress() {
    }

    static String normalise(String address) {
        URI uri;
        try {
            uri = new URI(address.trim());
        } catch (URISyntaxException e) {
            throw new InvalidFieldException(FIELD, "is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new InvalidFieldException(FIELD, "must start with https:// (or http:// for a lab), e.g. https://10.0.0.5");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidFieldException(FIELD, "must name a host, e.g. https://10.0.0.5:443");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidFieldException(FIELD, "must not carry credentials; use bmc.username and bmc.password");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidFieldException(FIELD, "must be scheme, host and port only; the service root /redfish/v1 is implied");
        }
        int port = uri.getPort() == -1 ? ("https".equals(scheme) ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new InvalidFieldException(FIELD, "has port " + port + " outside 1-65535");
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
