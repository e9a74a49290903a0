package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.OkHttpClient;

/**
 * The Redfish operations the platform uses, against any number of BMCs. One instance per application:
 * it owns the HTTP client, one session per BMC (reused across calls, logged out on {@link #close()} and
 * when idle) and the per-BMC request limit. Every URI is discovered from links, starting at /redfish/v1.
 * Thread-safe.
 */
public final class RedfishConnector implements AutoCloseable {

    private final RedfishTransport transport;

    public RedfishConnector(RedfishSettings settings) {
        RedfishSettings effective = settings == null ? RedfishSettings.defaults() : settings;
        OkHttpClient base = new OkHttpClient.Builder()
                .connectTimeout(effective.connectTimeout())
                .readTimeout(effective.readTimeout())
                .writeTimeout(effective.readTimeout())
                .build();
        this.transport = new RedfishTransport(effective, new TlsClients(base));
    }

    /** Reads the service root and the Systems collection; proves the address and the credentials work. */
    public ServiceInfo probe(BmcEndpoint bmc) {
        return new ServiceInfoReader(new ResourceReader(transport, bmc)).read();
    }

    /** Who made the system and its serial number and UUID, from one request (for enrollment). */
    public SystemInventory.Identity identify(BmcEndpoint bmc, String systemUri) {
        return new InventoryReader(new ResourceReader(transport, bmc)).identity(systemUri);
    }

    /** Full inventory of one system (identity, CPUs, memory, NICs, drives, BIOS version, firmware). */
    public SystemInventory inventory(BmcEndpoint bmc, String systemUri) {
        return new InventoryReader(new ResourceReader(transport, bmc)).read(systemUri);
    }

    /** Current PowerState of the system (On, Off, PoweringOn, PoweringOff). */
    public String powerState(BmcEndpoint bmc, String systemUri) {
        return Json.text(new ResourceReader(transport, bmc).get(systemUri), "PowerState");
    }

    /** ComputerSystem.Reset with a ResetType the BMC allows; refuses one it does not allow before sending. */
    public void reset(BmcEndpoint bmc, String systemUri, String resetType) {
        new SystemActions(transport, bmc).reset(systemUri, resetType);
    }

    /** PATCH Boot on the system with an override target the BMC allows. */
    public void setBootOverride(BmcEndpoint bmc, String systemUri, BootOverride override) {
        new SystemActions(transport, bmc).setBootOverride(systemUri, override);
    }


    /** Whether the system reports Secure Boot enabled (null when the BMC has no SecureBoot resource). */
    public Boolean secureBootEnabled(BmcEndpoint bmc, String systemUri) {
        ResourceReader reader = new ResourceReader(transport, bmc);
        JsonNode secureBoot = reader.optional(Json.link(reader.get(systemUri), "SecureBoot"));
        if (secureBoot == null) {
            return null;
        }
        // SecureBootCurrentBoot is what the last boot ran with; SecureBootEnable only what is configured.
        String currentBoot = Json.text(secureBoot, "SecureBootCurrentBoot");
        return currentBoot != null ? Boolean.valueOf("Enabled".equals(currentBoot))
                : Json.bool(secureBoot, "SecureBootEnable");
    }

    /** Polls the power state until it equals {@code target} or the timeout passes; returns the last state. */
    public String waitForPowerState(BmcEndpoint bmc, String systemUri, String target, java.time.Duration timeout) {
        return new PowerWaiter(new ResourceReader(transport, bmc)).await(systemUri, target, timeout);
    }

    /** BIOS attributes in effect, pending changes, and the registry when the BMC publishes one. */
    public BiosSettings bios(BmcEndpoint bmc, String systemUri) {
        return new BiosReader(new ResourceReader(transport, bmc)).read(systemUri, true).settings();
    }

    /**
     * Stages BIOS attribute changes to apply on the next reset ({@code @Redfish.Settings}, ApplyTime OnReset
     * where supported). Values are checked against the registry before sending. Converges: attributes already
     * at the wanted value, current or pending, are not sent again.
     */
    public void setBiosAttributes(BmcEndpoint bmc, String systemUri, java.util.Map<String, Object> attributes) {
        new BiosWriter(transport, bmc).set(systemUri, attributes);
    }

    /** Storage subsystems of the system (Storage first, SimpleStorage when the BMC has no Storage). */
    public java.util.List<StorageController> storage(BmcEndpoint bmc, String systemUri) {
        return new StorageReader(new ResourceReader(transport, bmc)).storage(systemUri);
    }

    /** Every volume of every storage subsystem of the system. */
    public java.util.List<Volume> volumes(BmcEndpoint bmc, String systemUri) {
        return new StorageReader(new ResourceReader(transport, bmc)).volumes(systemUri);
    }

    /** Creates a volume; returns the task when the BMC answers 202, empty when it was created at once. */
    public java.util.Optional<TaskStatus> createVolume(BmcEndpoint bmc, String storageUri, VolumeRequest request) {
        return new StorageActions(transport, bmc).createVolume(storageUri, request);
    }

    /** Deletes a volume; returns the task when the BMC answers 202. Deleting a missing volume is not an error. */
    public java.util.Optional<TaskStatus> deleteVolume(BmcEndpoint bmc, String volumeUri) {
        return new StorageActions(transport, bmc).deleteVolume(volumeUri);
    }

    /** UpdateService.SimpleUpdate from an image URI; returns the task to follow. */
    public TaskStatus simpleUpdate(BmcEndpoint bmc, String imageUri, java.util.List<String> targets) {
        return new FirmwareUpdater(transport, bmc).simpleUpdate(imageUri, targets);
    }

    /** One poll of a task monitor (or of the Task when the monitor has vanished). */
    public TaskStatus task(BmcEndpoint bmc, String taskUri) {
        return new TaskMonitor(transport, bmc).poll(taskUri);
    }

    /** Virtual media slots, under the system's Manager or under the System, wherever the BMC has them. */
    public java.util.List<VirtualMediaSlot> virtualMedia(BmcEndpoint bmc, String systemUri) {
        return new VirtualMediaActions(transport, bmc).slots(systemUri);
    }

    /** Inserts the image (read-only); leaves it when already inserted, ejects another image first. */
    public void insertMedia(BmcEndpoint bmc, String slotUri, String imageUri) {
        new VirtualMediaActions(transport, bmc).insert(slotUri, imageUri);
    }

    /** Ejects whatever is inserted; nothing when the slot is empty. */
    public void ejectMedia(BmcEndpoint bmc, String slotUri) {
        new VirtualMediaActions(transport, bmc).eject(slotUri);
    }

    /** Drive.SecureErase; returns the task when the BMC answers 202. */
    public java.util.Optional<TaskStatus> secureErase(BmcEndpoint bmc, String driveUri) {
        return new StorageActions(transport, bmc).secureErase(driveUri);
    }

    /** Logs out every open session. */
    @Override
    public void close() {
        transport.close();
    }
}
