package org.metalflow.boot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * An installable operating system: which installer it uses, where its netboot kernel and initrd are, and the
 * kernel command line (a Mustache template, like the install files).
 *
 * @param installer {@code preseed} (Debian installer), {@code autoinstall} (Ubuntu Subiquity, cloud-init
 *                  NoCloud) or {@code kickstart} (Anaconda: RHEL, Rocky, Alma, Fedora)
 */
public record OsImage(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9.-]{0,62}") String name,
        String description,
        @NotNull Installer installer,
        @NotBlank String mirror,
        @NotBlank String kernel,
        @NotBlank String initrd,
        @NotBlank String kernelArgs) {

    public enum Installer {
        preseed("preseed.cfg"),
        autoinstall("user-data"),
        kickstart("ks.cfg");

        private final String configFile;

        Installer(String configFile) {
            this.configFile = configFile;
        }

        /** The file the installer is pointed at; the others it may ask for are served too. */
        public String configFile() {
            return configFile;
        }
    }
}
