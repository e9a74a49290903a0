package org.metalflow.connectors.redfish;

/**
 * A boot source override: target as Redfish names it (Pxe, Hdd, Cd, UefiHttp, ...), whether it applies
 * to the next boot only or continuously, and the boot mode (UEFI or Legacy; null leaves it unchanged).
 */
public record BootOverride(String target, Enabled enabled, String mode) {

    public enum Enabled { Once, Continuous, Disabled }

    public static BootOverride once(String target) {
        return new BootOverride(target, Enabled.Once, null);
    }
}
