package org.metalflow.connectors.dhcp;

import java.util.Objects;

/**
 * What a network-booting machine is told to load. The first stage comes by TFTP from {@code nextServer} and
 * differs by firmware (option 93: 0 = BIOS, 7/9 = x64 UEFI); once iPXE runs (user class "iPXE") it is sent
 * {@code ipxeScriptUrl} instead, so it chains to the platform over HTTP rather than loading itself again.
 *
 * @param nextServer    TFTP server address (siaddr / next-server)
 * @param biosFile      first stage for BIOS clients, e.g. {@code undionly.kpxe}
 * @param uefiFile      first stage for x64 UEFI clients, e.g. {@code ipxe.efi}
 * @param ipxeScriptUrl what iPXE loads, e.g. {@code http://10.77.1.1:8080/api/v1/boot/ipxe}
 */
public record BootFiles(String nextServer, String biosFile, String uefiFile, String ipxeScriptUrl) {

    public BootFiles {
        Objects.requireNonNull(nextServer, "nextServer");
        Objects.requireNonNull(biosFile, "biosFile");
        Objects.requireNonNull(uefiFile, "uefiFile");
        Objects.requireNonNull(ipxeScriptUrl, "ipxeScriptUrl");
    }
}
