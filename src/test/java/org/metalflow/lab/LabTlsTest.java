package org.metalflow.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabTlsTest {

    @TempDir
    Path dataDir;

    @Test
    void certificateIsPersistedAndReused() throws Exception {
        Path labDir = dataDir.resolve("lab");
        LabTls first = LabTls.loadOrCreate(labDir);
        LabTls second = LabTls.loadOrCreate(labDir);

        assertThat(first.certificateSha256()).matches("[0-9a-f]{64}");
        assertThat(second.certificateSha256()).isEqualTo(first.certificateSha256());
        assertThat(Files.readString(labDir.resolve(LabTls.CERTIFICATE_FILE))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(labDir.resolve(LabTls.KEY_FILE))).contains("PRIVATE KEY");
    }

    @Test
    void aMissingCertificateIsMadeAgainWithANewFingerprint() throws Exception {
        Path labDir = dataDir.resolve("lab");
        String before = LabTls.loadOrCreate(labDir).certificateSha256();
        Files.delete(labDir.resolve(LabTls.CERTIFICATE_FILE));

        assertThat(LabTls.loadOrCreate(labDir).certificateSha256()).isNotEqualTo(before);
    }
}
