package org.metalflow.connectors.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a directory laid out like Debian's /usr/lib/ipxe, ipxe.efi being a symlink to another directory. */
class IpxeBinariesTest {

    @TempDir
    Path dir;

    private Path packageDir;
    private Path tftpRoot;
    private IpxeBinaries binaries;

    @BeforeEach
    void fakePackage() throws IOException {
        packageDir = Files.createDirectories(dir.resolve("usr/lib/ipxe"));
        Path boot = Files.createDirectories(dir.resolve("boot"));
        Files.write(packageDir.resolve("undionly.kpxe"), new byte[] {1, 2, 3});
        Files.write(packageDir.resolve("snponly.efi"), new byte[] {4, 5});
        Files.write(boot.resolve("ipxe.efi"), new byte[] {6, 7, 8, 9});
        Files.createSymbolicLink(packageDir.resolve("ipxe.efi"), Path.of("../../../boot/ipxe.efi"));
        Files.writeString(dir.resolve("secret"), "not for TFTP");
        tftpRoot = dir.resolve("tftp/root");
        binaries = new IpxeBinaries(packageDir);
    }

    @Test
    void firstStagesLandAsRealFilesWithThePackagesBytes() throws IOException {
        List<Path> installed = binaries.installFirstStages(tftpRoot);

        assertThat(installed).containsExactly(tftpRoot.resolve("undionly.kpxe"), tftpRoot.resolve("ipxe.efi"),
                tftpRoot.resolve("snponly.efi"));
        assertThat(Files.readAllBytes(tftpRoot.resolve("undionly.kpxe"))).containsExactly(1, 2, 3);
        assertThat(Files.readAllBytes(tftpRoot.resolve("ipxe.efi"))).containsExactly(6, 7, 8, 9);
        assertThat(Files.isSymbolicLink(tftpRoot.resolve("ipxe.efi"))).as("a symlink would dangle in tftpd's chroot").isFalse();
        assertThat(Files.isRegularFile(tftpRoot.resolve("ipxe.efi"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        try (Stream<Path> files = Files.list(tftpRoot)) {
            assertThat(files).hasSize(3);
        }
    }

    @Test
    void onTheSameFileSystemTheFileIsAHardLink() throws IOException {
        Path installed = binaries.install("undionly.kpxe", tftpRoot);

        assertThat(Files.isSameFile(installed, packageDir.resolve("undionly.kpxe"))).isTrue();
        assertThat(Files.getAttribute(installed, "unix:nlink")).isEqualTo(2);
    }

    @Test
    void reinstallingKeepsAnIdenticalFileAndReplacesAChangedOne() throws IOException {
        Path installed = binaries.install("snponly.efi", tftpRoot);
        Object inode = Files.getAttribute(installed, "unix:ino");
        binaries.install("snponly.efi", tftpRoot);
        assertThat(Files.getAttribute(installed, "unix:ino")).isEqualTo(inode);

        Files.delete(packageDir.resolve("snponly.efi"));
        Files.write(packageDir.resolve("snponly.efi"), new byte[] {42});
        binaries.install("snponly.efi", tftpRoot);

        assertThat(Files.readAllBytes(installed)).containsExactly(42);
    }

    @Test
    void namesWithPathSeparatorsOrDotsAreRefused() {
        for (String name : List.of("../secret", "../../secret", "sub/undionly.kpxe", "/etc/passwd", "..", ".", "",
                "a\\b")) {
            assertThatThrownBy(() -> binaries.install(name, tftpRoot)).as(name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> binaries.locate(name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(tftpRoot).doesNotExist();
    }

    @Test
    void aMissingBinaryNamesTheDirectory() {
        assertThatThrownBy(() -> binaries.install("ipxe.lkrn", tftpRoot))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining(packageDir.toString());
    }

    @Test
    void theDefaultIsDebiansDirectory() {
        assertThat(IpxeBinaries.debian().directory()).isEqualTo(Path.of("/usr/lib/ipxe"));
    }
}
