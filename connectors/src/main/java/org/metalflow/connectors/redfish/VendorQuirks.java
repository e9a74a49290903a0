package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * Where a vendor's BMC departs from what the generic code does. One implementation per vendor, chosen by
 * {@link VendorQuirksResolver}; every default is the standard Redfish behaviour, so a BMC nobody wrote a
 * class for works as {@link GenericQuirks}.
 */
interface VendorQuirks {

    String name();

    /** Whether a firmware inventory item is reported; {@code ids} are all the items' ids. */
    default boolean reportsFirmware(String id, Set<String> ids) {
        return true;
    }

    /** Whether the System's VirtualMedia slots are preferred to the Manager's when the BMC has both. */
    default boolean virtualMediaOnSystemFirst() {
        return false;
    }

    /**
     * Adds to a boot override PATCH what this BMC needs beyond the properties that change.
     *
     * @param patchBoot   the {@code Boot} object to be sent, holding only the changed properties
     * @param currentBoot the system's {@code Boot} as read
     */
    default void completeBootPatch(ObjectNode patchBoot, JsonNode currentBoot, BootOverride override) {
    }

    /**
     * Removes what made the BMC refuse a BIOS PATCH, when this vendor's BMC blocks on something that can be
     * cleared. True when something was cleared and the PATCH may be sent once more.
     */
    default boolean clearBiosBlocker(RedfishTransport transport, BmcEndpoint bmc, JsonNode system,
                                     JsonNode settingsObject, RedfishException refusal) {
        return false;
    }

    /** Progress of a firmware update the BMC runs without a task, from its UpdateService; null when none. */
    default TaskStatus updateProgress(String uri, JsonNode resource) {
        return null;
    }
}
