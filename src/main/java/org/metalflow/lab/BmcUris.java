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

    String storage(String groupId) {
        return system + "/Storage/" + groupId;
    }

    String drive(String groupId, String driveId) {
        return storage(groupId) + "/Drives/" + driveId;
    }

    String secureErase(String groupId, String driveId) {
        return drive(groupId, driveId) + "/Actions/Drive.SecureErase";
    }

    String volumes(String groupId) {
        return storage(groupId) + "/Volumes";
    }

    String taskService() {
        return ROOT + "/TaskService";
    }

    String tasks() {
        return taskService() + "/Tasks";
    }

    String task(String id) {
        return tasks() + "/" + id;
    }

    String taskMonitor(String id) {
        return taskService() + "/TaskMonitors/" + id;
    }

    String registries() {
        return ROOT + "/Registries";
    }

    String simpleUpdate() {
        return updateService + "/Actions/UpdateService.SimpleUpdate";
    }

    String secureBoot() {
        return system + "/SecureBoot";
    }

    String virtualMedia() {
        return manager + "/VirtualMedia";
    }

    String mediaSlot(String id) {
        return virtualMedia() + "/" + id;
    }

    String dellJobService() {
        return manager + "/Oem/Dell/DellJobService";
    }

    String deleteJobQueue() {
        return dellJobService() + "/Actions/DellJobService.DeleteJobQueue";
    }

    String dellJobs() {
        return manager + "/Oem/Dell/Jobs";
    }

    /** The last segment of {@code uri} when it is directly below {@code prefix}, else null. */
    String childOf(String uri, String prefix) {
        String key = key(uri);
        String start = key(prefix) + "/";
        if (!key.startsWith(start)) {
            return null;
        }
        String trimmed = uri;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String rest = trimmed.substring(start.length());
        return rest.isEmpty() || rest.contains("/") ? null : rest;
    }
}
