package org.metalflow.lab;

import java.util.Locale;

/** The URIs of one BMC's resources, all under {@code /redfish/v1}, named as its vendor names them. */
record BmcUris(String root, String systems, String system, String managers, String manager, String chassisCollection,
               String chassis, String sessionService, String sessions, String updateService, String firmwareInventory,
               String resetTarget, boolean caseInsensitive) {

    static final String ROOT = "/redfish/v1";

    static BmcUris of(VendorPersonality personality, MachineSpec spec) {
        String system = ROOT + "/Systems/" + personality.systemId(spec);
        return new BmcUris(ROOT, ROOT + "/Systems", system, ROOT + "/Managers", ROOT + "/Managers/" + personality.managerId(),
                ROOT + "/Chassis", ROOT + "/Chassis/" + personality.chassisId(spec), ROOT + "/SessionService",
                ROOT + "/SessionService/Sessions", ROOT + "/UpdateService", ROOT + "/UpdateService/FirmwareInventory",
                system + "/Actions/ComputerSystem.Reset", personality.caseInsensitiveUris());
    }

    /** The form a URI is looked up in: no trailing slash, and lower case where the vendor ignores case. */
    String key(String uri) {
        String path = uri;
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return caseInsensitive ? path.toLowerCase(Locale.ROOT) : path;
    }

    boolean same(String uri, String other) {
        return key(uri).equals(key(other));
    }

    String session(String id) {
        return sessions + "/" + id;
    }
}
