package org.metalflow.connectors.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalflow.connectors.dhcp.BootFiles;
import org.metalflow.connectors.dhcp.DhcpException;
import org.metalflow.connectors.dhcp.DhcpLease;
import org.metalflow.connectors.dhcp.DhcpProvider;
import org.metalflow.connectors.dhcp.DhcpReservation;
import org.metalflow.connectors.testsupport.RealServer;

/** {@link KeaControlAgentProvider} against Kea 2.2 behind its control agent ({@code kea-up.sh DIR control-agent}). */
class KeaControlAgentProviderTest extends KeaProviderContract {

    @TempDir
    static Path dir;
    static RealServer kea;
    static KeaControlAgentProvider provider;
    static KeaControlAgentClient agent;

    @BeforeAll
    static void startKea() {
        kea = RealServer.start("kea-up.sh", dir, "control-agent");
        provider = new KeaControlAgentProvider(new KeaControlAgentClient(kea.get("CA_URL"), kea.get("CA_USER"),
                kea.get("CA_PASSWORD")));
        agent = new KeaControlAgentClient(kea.get("CA_URL"), kea.get("CA_USER"), kea.get("CA_PASSWORD"));
    }

    @AfterAll
    static void stopKea() {
        if (provider != null) {
            provider.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (kea != null) {
            kea.close();
        }
    }

    @Override
    RealServer server() {
        return kea;
    }

    @Override
    DhcpProvider provider() {
        return provider;
    }

    @Override
    KeaControlAgentClient agent() {
        return agent;
    }

    /** config-write rewrites the file Kea was started from; its content and time change on every write. */
    @Override
    Object lastWrite() throws Exception {
        Path config = Path.of(kea.get("KEA_CONFIG"));
        return Files.getLastModifiedTime(config).toInstant() + " " + Files.readString(config).hashCode();
    }

    @Override
    void stopWhatTheProviderWritesTo() throws Exception {
        stopProcess(kea, "kea-dhcp4", "TERM");
    }

    @Test
    @Order(8)
    void writesOneBootProfilePerSetOfFilesAndDeletesItWhenNoReservationUsesIt() {
        BootFiles snp = new BootFiles("10.77.1.2", "undionly.kpxe", "snponly.efi", "http://10.77.1.1:8080/boot/snp");
        provider.reserve(new DhcpReservation(MAC_A, "10.77.1.50", SUBNET, "node-a", BOOT));
        provider.reserve(new DhcpReservation(MAC_B, "10.77.1.51", SUBNET, "node-b", BOOT));
        provider.reserve(new DhcpReservation(MAC_C, "10.77.1.52", SUBNET, "node-c", snp));
        assertThat(bootClasses()).hasSize(8);

        assertThat(offer(MAC_C, "uefi")).containsEntry("IP", "10.77.1.52").containsEntry("SIADDR", "10.77.1.2")
                .containsEntry("BOOT_FILE", "snponly.efi");
        assertThat(offer(MAC_B, "uefi")).containsEntry("IP", "10.77.1.51").containsEntry("BOOT_FILE", "ipxe.efi");
        assertThat(provider.find(MAC_C)).map(DhcpReservation::boot).contains(snp);

        provider.remove(MAC_A);
        assertThat(bootClasses()).as("B still uses the first profile").hasSize(8);
        provider.remove(MAC_B);
        provider.remove(MAC_C);
        assertThat(bootClasses()).isEmpty();
    }

    @Test
    @Order(9)
    void aNewReservationKeepsTheLeasesKeaHasGivenOut() {
        provider.reserve(new DhcpReservation(MAC_A, "10.77.1.50", SUBNET, "node-a", BOOT));
        offer(MAC_A, "bios");
        provider.reserve(new DhcpReservation(MAC_B, "10.77.1.51", SUBNET, "node-b", BOOT));

        assertThat(provider.leases()).extracting(DhcpLease::ipAddress).contains("10.77.1.50");
        provider.remove(MAC_A);
        provider.remove(MAC_B);
    }

    @Test
    @Order(10)
    void aWrongPasswordIsRefusedAndNeverShown() {
        try (var wrong = new KeaControlAgentProvider(new KeaControlAgentClient(kea.get("CA_URL"), kea.get("CA_USER"),
                "not-the-password-42"))) {
            assertThatThrownBy(() -> wrong.find(MAC_A))
                    .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining("401")
                    .hasMessageNotContaining("not-the-password-42");
        }
    }

    @Test
    @Order(101)
    void withTheControlAgentStoppedTooTheFailureIsTransient() throws Exception {
        stopProcess(kea, "kea-ctrl-agent", "TERM");
        assertThatThrownBy(provider::leases)
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isTrue())
                .hasMessageContaining(kea.get("CA_URL"));
    }

    private List<String> bootClasses() {
        JsonNode config = agent.command("config-get", null).arguments();
        List<String> names = new ArrayList<>();
        config.path("Dhcp4").path("client-classes").forEach(c -> names.add(c.path("name").asText()));
        return names.stream().filter(name -> name.startsWith("metalflow-boot-")).toList();
    }
}
