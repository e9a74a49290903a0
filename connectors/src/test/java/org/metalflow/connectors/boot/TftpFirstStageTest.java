package org.metalflow.connectors.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalflow.connectors.testsupport.RealServer;

/**
 * The TFTP first stage: tftpd-hpa started by tftp-up.sh on 127.0.0.1, read with two real clients, tftp-hpa's
 * {@code tftp} (which sends a name verbatim) and curl.
 */
class TftpFirstStageTest {

    private static Path work;
    private static RealServer tftpd;
    private static String address;
    private static String port;

    @TempDir
    Path downloads;

    @BeforeAll
    static void startTftpd() throws IOException {
        work = Files.createTempDirectory("metalflow-tftp");
        tftpd = RealServer.start("tftp-up.sh", work);
        address = tftpd.get("TFTP_ADDRESS");
        port = tftpd.get("TFTP_PORT");
        Files.writeString(work.resolve("secret.txt"), "outside the TFTP root");
    }

    @AfterAll
    static void stopTftpd() {
        if (tftpd != null) {
            tftpd.close();
        }
    }

    private RealServer.Result tftpHpaGet(String name, Path into) {
        return RealServer.run(List.of("tftp", "-m", "binary", address, port, "-c", "get", name, into.toString()), 60);
    }

    private RealServer.Result curlGet(String name, Path into) {
        return RealServer.run(List.of("curl", "-sS", "--path-as-is", "-o", into.toString(),
                "tftp://" + address + ":" + port + "/" + name), 60);
    }

    @Test
    void bothClientsGetTheFirstStagesByteForByteAsDebianShipsThem() throws IOException {
        assertThat(tftpd.get("TFTP_ROOT")).isEqualTo(work.resolve("root").toString());
        for (String name : List.of("undionly.kpxe", "ipxe.efi", "snponly.efi")) {
            byte[] packaged = Files.readAllBytes(Path.of("/usr/lib/ipxe", name));
            Path viaTftpHpa = downloads.resolve(name + ".tftp");
            Path viaCurl = downloads.resolve(name + ".curl");

            assertThat(tftpHpaGet(name, viaTftpHpa).exitCode()).isZero();
            assertThat(curlGet(name, viaCurl).exitCode()).isZero();

            assertThat(packaged).as("Debian's %s", name).hasSizeGreaterThan(1000);
            assertThat(Files.readAllBytes(viaTftpHpa)).as("%s via tftp-hpa", name).isEqualTo(packaged);
            assertThat(Files.readAllBytes(viaCurl)).as("%s via curl", name).isEqualTo(packaged);
        }
    }

    @Test
    void aMissingFileIsAnError() {
        Path into = downloads.resolve("missing");

        RealServer.Result curl = curlGet("no-such-file.efi", into);
        RealServer.Result tftp = tftpHpaGet("no-such-file.efi", downloads.resolve("missing2"));

        assertThat(curl.exitCode()).as("curl: TFTP file not found is exit 68").isEqualTo(68);
        assertThat(into).doesNotExist();
        assertThat(tftp.stdout() + tftp.stderr()).contains("File not found");
    }

    @Test
    void pathsLeavingTheRootAreRefused() throws IOException {
        for (String name : List.of("../secret.txt", "../etc/passwd", "../../../../etc/passwd", "/etc/passwd")) {
            Path viaCurl = downloads.resolve("curl-" + name.replace('/', '_'));
            Path viaTftpHpa = downloads.resolve("tftp-" + name.replace('/', '_'));

            RealServer.Result curl = curlGet(name, viaCurl);
            RealServer.Result tftp = tftpHpaGet(name, viaTftpHpa);

            assertThat(curl.exitCode()).as("curl %s", name).isNotZero();
            assertThat(viaCurl).as("curl %s", name).doesNotExist();
            // tftp-hpa exits 0 even on an error packet and leaves an empty file: the error text and size tell.
            assertThat(tftp.stdout() + tftp.stderr()).as("tftp %s", name).containsPattern("Error code \\d");
            assertThat(Files.exists(viaTftpHpa) ? Files.size(viaTftpHpa) : 0L).as("tftp %s", name).isZero();
        }
    }

    @Test
    void aBinaryInstalledByIpxeBinariesIsServedAtOnce() throws IOException {
        Path installed = IpxeBinaries.debian().install("undionly.kkpxe", Path.of(tftpd.get("TFTP_ROOT")));
        Path viaCurl = downloads.resolve("undionly.kkpxe");

        assertThat(curlGet("undionly.kkpxe", viaCurl).exitCode()).isZero();

        assertThat(installed.getFileName().toString()).isEqualTo("undionly.kkpxe");
        assertThat(Files.readAllBytes(viaCurl)).isEqualTo(Files.readAllBytes(Path.of("/usr/lib/ipxe/undionly.kkpxe")));
    }
}
