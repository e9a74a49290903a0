package org.metalflow.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.metalflow.lab.MachineSpec.DriveSpec;
import org.metalflow.lab.MachineSpec.FirmwareSpec;
import org.metalflow.lab.MachineSpec.NicSpec;
import org.metalflow.lab.MachineSpec.ServerModel;

/**
 * What makes a simulated BMC look like one vendor's: the hardware it is sold with, how it names
 * things (ids, URIs, trailing slashes, case), what it allows (boot targets, reset types) and the
 * vendor-only fields it adds. {@link RedfishResources} renders the standard parts around it.
 */
public interface VendorPersonality {

    // ---- hardware catalogue and identity (used by MachineSpecGenerator) ----

    String manufacturer();

    String defaultUsername();

    List<ServerModel> models();

    String serialNumber(int index, long seed);

    String sku(int index, long seed, ServerModel model);

    String uuid(int index, long seed, String serialNumber, String sku);

    /** Id of the n-th host NIC port (0-based) and its nominal speed and description. */
    NicSpec nic(int position, String mac, boolean linkUp, SplittableRandom random);

    DriveSpec drive(int index, int position, long seed, SplittableRandom random);

    String biosVersion(ServerModel model, SplittableRandom random);

    List<FirmwareSpec> firmware(String biosVersion, List<NicSpec> nics, List<DriveSpec> drives, SplittableRandom random);

    // ---- naming and rendering ----

    /** Service root {@code Vendor}. */
    String vendorName();

    /** Service root {@code Product}. */
    String product(MachineSpec spec);

    String redfishVersion();

    /** {@code ProtocolFeaturesSupported} exactly as far as the lab implements it (no $expand). */
    void protocolFeatures(ObjectNode features);

    /** Whether bodies carry {@code @odata.context} (iDRAC and iLO do, the DMTF mockups don't). */
    boolean writesOdataContext();

    /** Whether bodies carry {@code @odata.etag} (iLO does in nearly every resource). */
    boolean writesOdataEtag();

    /** Whether URIs match regardless of case (iLO links to both {@code Systems/1} and {@code systems/1/bios}). */
    boolean caseInsensitiveUris();

    String systemId(MachineSpec spec);

    String managerId();

    String chassisId(MachineSpec spec);

    /** The {@code @odata.id} of the BIOS resource of a system. */
    default String biosUri(String systemUri) {
        return systemUri + "/Bios";
    }

    /** The link to the BIOS resource that the system resource carries. */
    default String biosLink(String systemUri) {
        return biosUri(systemUri);
    }

    String cpuId(int socket);

    String dimmId(int socket, int slot);

    /** The Storage resources of a system, with the drives each holds and their ids. */
    List<StorageGroup> storage(MachineSpec spec);

    List<String> bootTargets();

    List<String> resetTypes();

    List<String> managerResetTypes();

    String formatMac(String mac);

    String managerModel();

    String managerFirmwareVersion(MachineSpec spec);

    String sessionId(String username, long sequence);

    /** The {@code Location} of a new session; iLO ends it with a slash. */
    default String sessionLocation(String sessionUri) {
        return sessionUri;
    }

    /** {@code SessionTimeout} as the vendor reports it (seconds per the schema; iLO says 30 and means minutes). */
    long reportedSessionTimeout(long idleTimeoutSeconds);

    /** The BIOS attributes a machine comes with: a value for every attribute of its registry. */
    Map<String, Object> biosAttributes(MachineSpec spec);

    // ---- BIOS settings, storage, tasks, firmware, virtual media, secure boot ----

    BiosRegistry biosRegistry(MachineSpec spec, String systemUri);

    /** Where BIOS changes are PATCHed ({@code @Redfish.Settings.SettingsObject}). */
    default String biosSettingsUri(String systemUri) {
        return biosUri(systemUri) + "/Settings";
    }

    /** {@code @Redfish.Settings.SupportedApplyTimes}; empty when the vendor does not write it (iLO 5). */
    List<String> biosApplyTimes();

    /** Whether the settings object lists every attribute (iLO) rather than only the pending ones (iDRAC). */
    default boolean biosSettingsListAll() {
        return false;
    }

    /** Whether a BIOS change becomes an iDRAC configuration job that blocks further changes until it runs. */
    default boolean biosChangesAreJobs() {
        return false;
    }

    /** The id of the n-th (0-based) volume created on a controller. */
    String volumeId(StorageGroup group, int number);

    /** Whether deleting a volume is a task (202) rather than done at once (204). */
    default boolean volumeDeletionIsTask() {
        return false;
    }

    String taskId(long sequence, long nowMillis);

    /** {@code TransferProtocol@Redfish.AllowableValues} of SimpleUpdate. */
    List<String> transferProtocols();

    default FirmwareSpec withVersion(FirmwareSpec firmware, String version) {
        return new FirmwareSpec(firmware.id(), firmware.name(), version, firmware.description());
    }

    /** BMC firmware version as the inventory shows it after an update to {@code imageVersion}. */
    default String updatedBmcVersion(String imageVersion) {
        return imageVersion;
    }

    /** The system's {@code BiosVersion} after an update to {@code imageVersion}. */
    String updatedBiosVersion(MachineSpec spec, String imageVersion);

    /** The BIOS firmware inventory version for a system {@code BiosVersion}. */
    default String biosFirmwareVersion(String biosVersion) {
        return biosVersion;
    }

    List<MediaSlotSpec> virtualMedia();

    /** {@code SecureBootMode} of the SecureBoot resource. */
    String secureBootMode();

    /**
     * Body of a successful reset (action) or PATCH; null answers 204 No Content. iLO answers 200 with
     * its success message wrapped in an "error" object.
     */
    default ObjectNode successBody(com.fasterxml.jackson.databind.ObjectMapper mapper, boolean action) {
        return null;
    }

    /** Vendor-only fields on the system resource. */
    default void decorateSystem(ObjectNode system, MachineSpec spec) {
    }

    /** Vendor-only fields on the service root. */
    default void decorateServiceRoot(ObjectNode root, MachineSpec spec) {
    }

    /**
     * One Storage resource: {@code drives} in order with their ids.
     *
     * @param driveLinksEndWithSlash iLO writes the links to its NVMe drives with a trailing slash
     */
    record StorageGroup(String id, String name, String controllerModel, String controllerFirmware,
                        List<String> controllerProtocols, List<String> deviceProtocols,
                        List<PlacedDrive> drives, boolean driveLinksEndWithSlash, List<String> raidTypes) {
    }

    /** A virtual media slot of the manager, and the boot target that boots from it. */
    record MediaSlotSpec(String id, String name, List<String> mediaTypes, String bootTarget) {
    }

    /** A drive and the id its Storage resource gives it. */
    record PlacedDrive(String id, DriveSpec drive) {
    }
}
