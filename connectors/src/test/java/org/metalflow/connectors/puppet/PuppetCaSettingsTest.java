package org.metalflow.connectors.puppet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PuppetCaSettingsTest {

    private static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0).commonName("Puppet CA").build();
    private static final HeldCertificate CLIENT = new HeldCertificate.Builder().commonName("metalflow-api").signedBy(CA)
            .rsa2048().build();

    @Test
    void theKeyIsNeitherInToStringNorInTheClientsName() {
        PuppetCaSettings settings = PuppetCaSettings.of("https://puppet.example.org:8140/puppet-ca/v1/",
                CA.certificatePem(), CLIENT.certificatePem(), CLIENT.privateKeyPkcs8Pem());
        assertThat(settings.caUrl()).hasToString("https://puppet.example.org:8140");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.toString()).doesNotContain("PRIVATE").doesNotContain(body(CLIENT.privateKeyPkcs8Pem()));
        try (PuppetCa ca = new PuppetCa(settings)) {
            assertThat(ca.toString()).isEqualTo("PuppetCa[https://puppet.example.org:8140 as CN=metalflow-api]");
        }
    }

    @Test
    void readsPemFilesAndPuppetsPkcs1RsaKeys(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ca.pem"), CA.certificatePem());
        Files.writeString(dir.resolve("cert.pem"), CLIENT.certificatePem());
        Files.writeString(dir.resolve("key.pem"), CLIENT.privateKeyPkcs1Pem());
        PuppetCaSettings settings = PuppetCaSettings.of("https://127.0.0.1:8140", dir.resolve("ca.pem").toString(),
                dir.resolve("cert.pem").toString(), dir.resolve("key.pem").toString());
        assertThat(settings.clientKeyPem()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        try (PuppetCa ca = new PuppetCa(settings)) {
            assertThat(ca.toString()).contains("CN=metalflow-api");
        }
    }

    @Test
    void unusableSettingsAreRefusedWithoutShowingTheKey(@TempDir Path dir) {
        assertThatThrownBy(() -> PuppetCaSettings.of("http://puppet:8140", CA.certificatePem(), CLIENT.certificatePem(),
                CLIENT.privateKeyPkcs8Pem())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> PuppetCaSettings.of("https://puppet:8140", CA.certificatePem(), CLIENT.certificatePem(),
                dir.resolve("missing.key").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.key");

        HeldCertificate other = new HeldCertificate.Builder().commonName("other").rsa2048().build();
        assertThatThrownBy(() -> new PuppetCa(PuppetCaSettings.of("https://puppet:8140", CA.certificatePem(),
                CLIENT.certificatePem(), other.privateKeyPkcs8Pem())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to the client certificate CN=metalflow-api")
                .hasMessageNotContaining(body(other.privateKeyPkcs8Pem()));
        assertThatThrownBy(() -> new PuppetCa(PuppetCaSettings.of("https://puppet:8140", CA.certificatePem(),
                CLIENT.certificatePem(), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ENCRYPTED PRIVATE KEY");
    }

    /** A line from the middle of a PEM body: what a leaked key would show. */
    private static String body(String pem) {
        return pem.split("\n")[3];
    }
}
