package org.metalflow.connectors.redfish;

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

    // ---- issue 3 operations: contract first, implementations follow ----

    /** Whether the system reports Secure Boot enabled (null when the BMC has no SecureBoot resource). */
    public Boolean secureBootEnabled(BmcEndpoint bmc, String systemUri) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Polls the power state until it equals {@code target} or the timeout passes; returns the last state. */
    public String waitForPowerState(BmcEndpoint bmc, String systemUri, String target, java.time.Duration timeout) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** BIOS attributes in effect, pending changes, and the registry when the BMC publishes one. */
    public BiosSettings bios(BmcEndpoint bmc, String systemUri) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Stages BIOS attribute changes to apply on the next reset ({@code @Redfish.Settings}, ApplyTime OnReset
     * where supported). Values are checked against the registry before sending. Converges: attributes already
     * at the wanted value, current or pending, are not sent again.
     */
    public void setBiosAttributes(BmcEndpoint bmc, String systemUri, java.util.Map<String, Object> attributes) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Storage subsystems of the system (Storage first, SimpleStorage when the BMC has no Storage). */
    public java.util.List<StorageController> storage(BmcEndpoint bmc, String systemUri) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Every volume of every storage subsystem of the system. */
    public java.util.List<Volume> volumes(BmcEndpoint bmc, String systemUri) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Creates a volume; returns the task when the BMC answers 202, empty when it was created at once. */
    public java.util.Optional<TaskStatus> createVolume(BmcEndpoint bmc, String storageUri, VolumeRequest request) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Deletes a volume; returns the task when the BMC answers 202. Deleting a missing volume is not an error. */
    public java.util.Optional<TaskStatus> deleteVolume(BmcEndpoint bmc, String volumeUri) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** UpdateService.SimpleUpdate from an image URI; returns the task to follow. */
    public TaskStatus simpleUpdate(BmcEndpoint bmc, String imageUri, java.util.List<String> targets) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** One poll of a task monitor (or of the Task when the monitor has vanished). */
    public TaskStatus task(BmcEndpoint bmc, String taskUri) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Virtual media slots, under the system's Manager or under the System, wherever the BMC has them. */
    public java.util.List<VirtualMediaSlot> virtualMedia(BmcEndpoint bmc, String systemUri) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void insertMedia(BmcEndpoint bmc, String slotUri, String imageUri) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void ejectMedia(BmcEndpoint bmc, String slotUri) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Drive.SecureErase; returns the task when the BMC answers 202. */
    public java.util.Optional<TaskStatus> secureErase(BmcEndpoint bmc, String driveUri) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Logs out every open session. */
    @Override
    public void close() {
        transport.close();
    }
}
