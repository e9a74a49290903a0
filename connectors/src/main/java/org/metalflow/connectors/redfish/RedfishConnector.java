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

    /** Logs out every open session. */
    @Override
    public void close() {
        transport.close();
    }
}
