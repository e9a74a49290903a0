package org.metalflow.boot;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code metalflow.boot.*}: how machines network-boot into their installer.
 *
 * @param baseUrl           the platform's URL as machines on the provisioning network reach it; empty means
 *                          {@code http://127.0.0.1:<server port>} (right for the lab only)
 * @param tokenTtl          how long an install token stays valid after it is issued
 * @param biosFirstStage    TFTP file for BIOS PXE clients (DHCP option 93 = 0)
 * @param uefiFirstStage    TFTP file for x64 UEFI PXE clients (option 93 = 7 or 9)
 * @param osCatalog         YAML files describing the installable operating systems
 * @param templates         where install templates are looked up, first match wins (an operator directory
 *                          before the built-in ones overrides a template by file name)
 * @param discoveryKernel   kernel of the discovery image unknown machines boot
 * @param discoveryInitrd   initrd of the discovery image
 * @param sshAuthorizedKeys public keys put into the installed system's admin account
 * @param maxCallbackBytes  largest body accepted from a machine (callback, discovery report)
 */
@ConfigurationProperties("metalflow.boot")
public record BootProperties(
        @DefaultValue("") String baseUrl,
        @DefaultValue("PT3H") Duration tokenTtl,
        @DefaultValue("undionly.kpxe") String biosFirstStage,
        @DefaultValue("ipxe.efi") String uefiFirstStage,
        @DefaultValue("classpath:boot/os/*.yaml") List<String> osCatalog,
        @DefaultValue("classpath:boot/templates/") List<String> templates,
        @DefaultValue("") String discoveryKernel,
        @DefaultValue("") String discoveryInitrd,
        @DefaultValue("") List<String> sshAuthorizedKeys,
        @DefaultValue("16384") int maxCallbackBytes) {
}
