package org.metalflow.connectors.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The iPXE first stages a TFTP server hands to network-booting firmware: {@code undionly.kpxe} for BIOS PXE,
 * {@code ipxe.efi} and {@code snponly.efi} for x64 UEFI. Debian's {@code ipxe} package puts them in
 * {@code /usr/lib/ipxe} ({@code ipxe.efi} there is a symlink to {@code /boot/ipxe.efi}).
 *
 * <p>They are installed into a TFTP root as real files, hard-linked when the root is on the same file system and
 * copied otherwise, never symlinked: tftpd-hpa's {@code --secure} chroots into the root, where a link to
 * {@code /usr/lib/ipxe} would dangle. A file replaces the old one by rename, so a client mid-transfer keeps
 * reading a whole file.
 */
public final class IpxeBinaries {

    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/lib/ipxe");
    public static final List<String> FIRST_STAGES = List.of("undionly.kpxe", "ipxe.efi", "snponly.efi");

    private final Path directory;

    public IpxeBinaries(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** The binaries of Debian's {@code ipxe} package. */
    public static IpxeBinaries debian() {
        return new IpxeBinaries(DEBIAN_DIRECTORY);
    }

    public Path directory() {
        return directory;
    }

    /**
     * The binary called {@code name}, symlinks resolved.
     *
     * @throws IllegalArgumentException when the name is not a plain file name (a separator, {@code ..}, empty)
     * @throws NoSuchFileException      when the directory holds no such file
     */
    public Path locate(String name) throws IOException {
        Path source = directory.resolve(checkedName(name));
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(source.toString(), null, "no iPXE binary " + name + " in " + directory
                    + " (Debian: apt-get install ipxe)");
        }
        return source.toRealPath();
    }

    /**
     * Puts the binary {@code name} into {@code tftpRoot} under the same name and returns where; a file there with
     * the same content is left alone, another one is replaced.
     */
    public Path install(String name, Path tftpRoot) throws IOException {
        Path source = locate(name);
        Files.createDirectories(tftpRoot);
        Path target = tftpRoot.resolve(checkedName(name));
        if (Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && (Files.isSameFile(source, target) || Files.mismatch(source, target) == -1)) {
            return target;
        }
        Path temp = tftpRoot.resolve("." + name + ".installing");
        Files.deleteIfExists(temp);
        try {
            try {
                Files.createLink(temp, source);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(source, temp, StandardCopyOption.COPY_ATTRIBUTES);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /** Installs every first stage in {@link #FIRST_STAGES}; fails on the first one missing. */
    public List<Path> installFirstStages(Path tftpRoot) throws IOException {
        List<Path> installed = new ArrayList<>();
        for (String name : FIRST_STAGES) {
            installed.add(install(name, tftpRoot));
        }
        return installed;
    }

    private static String checkedName(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a plain file name for an iPXE binary: '" + name + "'");
        }
        return name;
    }
}
