package org.metalflow.profile;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The ready state a machine is brought to by the {@code prepare} process: BIOS attributes (boot mode among
 * them, under the vendor's attribute name, e.g. Dell {@code BootMode: Uefi}), RAID volumes and a firmware
 * baseline. A profile applies to the machines its {@link Match} selects; among
 * several, the highest {@code priority} wins.
 *
 * @param bios     BIOS attribute name to wanted value, as the BMC's attribute registry names them
 * @param raid     the volumes the machine must have, and no others; empty leaves storage alone
 * @param firmware components that must be at least at a version, with the image that gets them there
 */
public record HardwareProfile(
        @NotBlank @Size(max = 63) @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?",
                message = "must be an RFC 1123 label: lower-case letters, digits and '-'") String name,
        @Size(max = 500) String description,
        @Valid Match match,
        int priority,
        Map<String, Object> bios,
        List<@Valid VolumeSpec> raid,
        List<@Valid FirmwareSpec> firmware) {

    public HardwareProfile {
        match = match == null ? new Match(null, null) : match;
        bios = bios == null ? Map.of() : Map.copyOf(bios);
        raid = raid == null ? List.of() : List.copyOf(raid);
        firmware = firmware == null ? List.of() : List.copyOf(firmware);
    }

    /**
     * Which machines the profile is for; each field is a case-insensitive glob ({@code PowerEdge R6*}),
     * null matches anything.
     */
    public record Match(@Size(max = 255) String manufacturer, @Size(max = 255) String model) {
    }

    /**
     * A volume: RAID type and how many drives of which media type it takes (the drives are chosen by the
     * platform, smallest suitable first).
     */
    public record VolumeSpec(
            @NotBlank @Size(max = 63) String name,
            @NotBlank @Pattern(regexp = "RAID0|RAID1|RAID5|RAID6|RAID10", message = "must be RAID0, RAID1, RAID5, RAID6 or RAID10")
            String raidType,
            @Min(1) int drives,
            @Pattern(regexp = "SSD|HDD", message = "must be SSD or HDD") String mediaType) {
    }

    /**
     * A firmware component (matched against the firmware inventory's name or id, case-insensitive substring)
     * that must be at least at {@code version}; {@code imageUri} is handed to the BMC's SimpleUpdate.
     */
    public record FirmwareSpec(
            @NotBlank @Size(max = 255) String component,
            @NotBlank @Size(max = 64) String version,
            @NotBlank @Size(max = 2000) @Pattern(regexp = "(https?|ftp|tftp|nfs|cifs)://\\S+",
                    message = "must be a URL the BMC can fetch") String imageUri) {
    }
}
