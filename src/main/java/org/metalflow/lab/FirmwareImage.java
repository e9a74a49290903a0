package org.metalflow.lab;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a firmware image is, read from its file name, since the lab downloads nothing. The convention:
 * the last path segment of the image URI is {@code <anything>_<COMPONENT>_<version>.<extension>},
 * COMPONENT being {@code BIOS} or {@code BMC} (also {@code IDRAC} or {@code ILO}) in any case and
 * version dotted numbers. For example {@code http://repo/R750_BIOS_1.9.2.exe} is BIOS 1.9.2 and
 * {@code https://repo/ilo5_BMC_3.10.bin} BMC firmware 3.10. Any other name is an image the BMC does not
 * recognise: its update task ends in Exception.
 */
record FirmwareImage(Component component, String version) {

    enum Component { BIOS, BMC }

    private static final Pattern NAME = Pattern.compile(
            "(?i)(?:^|.*[_\\-])(BIOS|BMC|IDRAC|ILO)[_\\-](\\d+(?:\\.\\d+)*)(?:\\.[a-z][a-z0-9]*)?");

    static Optional<FirmwareImage> parse(String imageUri) {
        String path = imageUri;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Component component = matcher.group(1).toUpperCase(Locale.ROOT).equals("BIOS") ? Component.BIOS : Component.BMC;
        return Optional.of(new FirmwareImage(component, matcher.group(2)));
    }
}
