package org.metalflow.lab;

/** A system's boot source override as Redfish describes it. */
public record BootOverride(String target, String enabled, String mode) {

    public static final BootOverride NONE = new BootOverride("None", "Disabled", "UEFI");

    public boolean isActive() {
        return !"Disabled".equals(enabled);
    }
}
