package org.metalflow.connectors.dhcp;

/** What a {@link DhcpProvider} can do beyond reservations. */
public enum DhcpCapability {
    /** Reservations take effect without restarting the server or dropping its leases. */
    LIVE_RESERVATIONS,
    /** Leases can be listed and removed. */
    LEASES,
    /** The boot file follows the client architecture (option 93): BIOS vs UEFI. */
    BOOT_FILE_BY_ARCHITECTURE,
    /** iPXE (user class "iPXE", option 77) gets its own boot file, so the first stage can chain to HTTP. */
    IPXE_CHAINLOAD
}
