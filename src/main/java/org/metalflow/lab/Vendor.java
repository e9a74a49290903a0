package org.metalflow.lab;

import java.util.Locale;

/** The BMC families the lab can imitate, each with its own personality. */
public enum Vendor {
    DELL(new DellPersonality()),
    HPE(new HpePersonality()),
    GENERIC(new GenericPersonality());

    private final VendorPersonality personality;

    Vendor(VendorPersonality personality) {
        this.personality = personality;
    }

    public VendorPersonality personality() {
        return personality;
    }

    /** Lower-case name as used in {@code metalflow.lab.vendor-mix} and the lab API. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Vendor fromKey(String key) {
        for (Vendor vendor : values()) {
            if (vendor.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                return vendor;
            }
        }
        throw new IllegalArgumentException("unknown lab vendor '" + key + "' (known: dell, hpe, generic)");
    }
}
