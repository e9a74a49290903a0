package org.metalflow.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.connectors.dhcp.kea.KeaBootProfile;
import org.metalflow.connectors.testsupport.RealServer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The deploy against real servers: Kea 2.2 (PostgreSQL hosts database) in a network namespace and BIND 9
 * with TSIG on loopback, both started by the project's scripts. A lab machine deployed through the API gets
 * its reserved address, next-server and iPXE URL from Kea when a real DHCP client (busybox udhcpc) asks with
 * its MAC, and its name resolves both ways with dig; after release neither server knows it.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RealServersDeployTest extends IntegrationTest {

    private static RealServer kea;
    private static RealServer bind;
    private static int platformPort;

    @DynamicPropertySource
    static void realServers(DynamicPropertyRegistry registry) {
        platformPort = freePort();
        // Kea's configuration holds the boot classes the platform's reservations name (docs/connectors/kea.md)
        Path classes = tempDir("kea-classes").resolve("classes.json");
        writeString(classes, new KeaBootProfile("metalflow-netboot", "undionly.kpxe", "ipxe.efi",
                "http://127.0.0.1:" + platformPort + "/api/v1/boot/ipxe").clientClassesJson());
        kea = RealServer.start(Map.of("KEA_BOOT_CLASSES", classes.toString()), "kea-up.sh", tempDir("kea"), "hosts-db");
        bind = RealServer.start("bind9-up.sh", tempDir("bind"), "lab.example", "1.77.10.in-addr.arpa");
        registry.add("server.port", () -> platformPort);
        registry.add("metalflow.boot.base-url", () -> "http://127.0.0.1:" + platformPort);
        registry.add("metalflow.dhcp.provider", () -> "kea-hosts-db");
        registry.add("metalflow.dhcp.kea.hosts-database", () -> kea.get("PG_URL"));
        registry.add("metalflow.dhcp.kea.hosts-database-username", () -> kea.get("PG_USER"));
        registry.add("metalflow.dhcp.kea.hosts-database-password", () -> kea.get("PG_PASSWORD"));
        registry.add("metalflow.dhcp.kea.control-agent-url", () -> kea.get("CA_URL"));
        registry.add("metalflow.dhcp.kea.control-agent-username", () -> kea.get("CA_USER"));
        registry.add("metalflow.dhcp.kea.control-agent-password", () -> kea.get("CA_PASSWORD"));
        registry.add("metalflow.dhcp.kea.subnet-ids[10.77.1.0/24]", () -> kea.get("SUBNET_ID"));
        registry.add("metalflow.dns.provider", () -> "rfc2136");
        registry.add("metalflow.dns.rfc2136.server", () -> "127.0.0.1");
        registry.add("metalflow.dns.rfc2136.port", () -> bind.get("DNS_PORT"));
        registry.add("metalflow.dns.rfc2136.key-name", () -> bind.get("TSIG_NAME"));
        registry.add("metalflow.dns.rfc2136.key-algorithm", () -> bind.get("TSIG_ALGORITHM"));
        registry.add("metalflow.dns.rfc2136.key-secret", () -> bind.get("TSIG_SECRET"));
    }

    @AfterAll
    static void stopServers() {
        if (kea != null) {
            kea.close();
        }
        if (bind != null) {
            bind.close();
        }
    }

    @Test
    void aDeployedMachineGetsItsAddressFromKeaAndResolvesBothWaysInBind() {
        JsonNode network = api().post().uri("/api/v1/networks").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "rack1", "cidr", "10.77.1.0/24", "gateway", "10.77.1.1",
                        "dnsServers", List.of("10.77.1.1"), "domain", "lab.example", "bootServer", "10.77.1.1"))
                .retrieve().body(JsonNode.class);
        assertThat(network.get("name").asText()).as("%s", network).isEqualTo("rack1");
        api().post().uri("/api/v1/networks/rack1/pools").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "servers", "firstAddress", "10.77.1.50", "lastAddress", "10.77.1.59"))
                .retrieve().toBodilessEntity();

        UUID id = available(0);
        assertThat(api().post().uri("/api/v1/machines/{id}/actions/deploy", id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("network", "rack1", "hostname", "node1")).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        awaitState(id, "active");

        JsonNode allocation = api().get().uri("/api/v1/allocations?machineId={id}", id).retrieve().body(JsonNode.class)
                .get("items").get(0);
        String address = allocation.get("address").asText();
        String mac = allocation.get("mac").asText();
        assertThat(address).startsWith("10.77.1.5");

        Map<String, String> ipxe = RealServer.script("dhcp-client.sh", kea.get("CLIENT_NETNS"), mac, "ipxe");
        assertThat(ipxe).containsEntry("IP", address).containsEntry("SIADDR", "10.77.1.1")
                .containsEntry("BOOT_FILE", "http://127.0.0.1:" + platformPort + "/api/v1/boot/ipxe")
                .containsEntry("HOSTNAME", "node1");
        Map<String, String> bios = RealServer.script("dhcp-client.sh", kea.get("CLIENT_NETNS"), mac, "bios");
        assertThat(bios).containsEntry("IP", address).containsEntry("BOOT_FILE", "undionly.kpxe");
        assertThat(dig("node1.lab.example", "A")).isEqualTo(address);
        assertThat(dig("-x", address)).isEqualTo("node1.lab.example.");

        assertThat(api().post().uri("/api/v1/machines/{id}/actions/release", id).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        approveAsApprover(id);
        awaitState(id, "available");
        assertThat(dig("node1.lab.example", "A")).isEmpty();
        assertThat(dig("-x", address)).isEmpty();
        Map<String, String> after = RealServer.script("dhcp-client.sh", kea.get("CLIENT_NETNS"), mac, "bios");
        assertThat(after.get("IP")).isNotEqualTo(address);
        assertThat(after.get("BOOT_FILE")).isEmpty();
    }

    private String dig(String... query) {
        List<String> command = new java.util.ArrayList<>(List.of("dig", "@127.0.0.1", "-p", bind.get("DNS_PORT"),
                "+short", "+norecurse"));
        command.addAll(List.of(query));
        RealServer.Result result = RealServer.run(command, 30);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().strip();
    }

    private UUID available(int labIndex) {
        JsonNode bmc = api().get().uri("/api/v1/lab/bmcs?page={p}&size=1", labIndex).retrieve().body(JsonNode.class)
                .get("items").get(0);
        UUID id = UUID.fromString(api().post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON)
                .body(bmc.get("registration")).retrieve().body(JsonNode.class).get("id").asText());
        awaitState(id, "manageable");
        api().post().uri("/api/v1/machines/{id}/actions/prepare", id).retrieve().toBodilessEntity();
        awaitState(id, "available");
        return id;
    }

    private void awaitState(UUID id, String state) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode machine = api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
            assertThat(machine.get("state").asText()).as("%s", machine).isEqualTo(state);
        });
    }


    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
