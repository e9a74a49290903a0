package org.metalflow.bmc;

import java.net.URI;
import java.util.List;

/** Picks the machine's ComputerSystem among those a BMC manages (blade enclosures manage several). */
final class SystemChoice {

    static final class NoSuchSystem extends RuntimeException {
        NoSuchSystem(String message) {
            super(message);
        }
    }

    private SystemChoice() {
    }

    /** The first system when {@code systemId} is empty, else the one whose URI ends in that id. */
    static String choose(List<String> systemUris, String systemId, URI bmc) {
        if (systemUris.isEmpty()) {
            throw new NoSuchSystem("BMC " + bmc + " manages no ComputerSystem (its Systems collection is empty)");
        }
        if (systemId == null || systemId.isEmpty()) {
            return systemUris.get(0);
        }
        return systemUris.stream()
                .filter(uri -> stripSlash(uri).endsWith("/" + systemId))
                .findFirst()
                .orElseThrow(() -> new NoSuchSystem("BMC " + bmc + " has no system " + systemId + "; it has "
                        + systemUris));
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
