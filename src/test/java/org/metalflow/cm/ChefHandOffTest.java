package org.metalflow.cm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import org.metalflow.connectors.chef.ChefNode;
import org.metalflow.connectors.chef.ChefServer;
import org.metalflow.connectors.chef.ChefSettings;
import org.metalflow.connectors.testsupport.RealServer;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hand-off to Chef against a real Chef-API server (goiardi, authentication on): a lab machine deployed
 * with the roles web and db becomes a node with their run list and its own client; the lab's first
 * chef-client run (signed with the key the install file gave it) makes it active; after release the server
 * knows neither node nor client.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ChefHandOffTest extends IntegrationTest {

    private static RealServer goiardi;

    @DynamicPropertySource
    static void chef(DynamicPropertyRegistry registry) {
        goiardi = RealServer.start("goiardi-up.sh", tempDir("goiardi"));
        registry.add("metalflow.cm.system", () -> "chef");
        registry.add("metalflow.cm.chef.server-url", () -> goiardi.get("CHEF_URL"));
        registry.add("metalflow.cm.chef.client-name", () -> goiardi.get("ADMIN_NAME"));
        registry.add("metalflow.cm.chef.client-key", () -> goiardi.get("ADMIN_KEY"));
        registry.add("metalflow.cm.chef.protocol", () -> "1.3");
    }

    @AfterAll
    static void stop() {
        if (goiardi != null) {
            goiardi.close();
        }
    }

    @Test
    void aDeployedMachineBecomesANodeWithItsRolesRunListAndIsForgottenAfterRelease() throws IOException {
        UUID id = available(0);
        api().post().uri("/api/v1/machines/{id}/actions/deploy", id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("hostname", "chef-node", "roles", List.of("web", "db"))).retrieve().toBodilessEntity();
        awaitState(id, "active");

        String certname = "chef-node.lab.metalflow.test";
        try (ChefServer admin = new ChefServer(ChefSettings.of(goiardi.get("CHEF_URL"), goiardi.get("ADMIN_NAME"),
                Files.readString(Path.of(goiardi.get("ADMIN_KEY")))))) {
            ChefNode node = admin.node(certname).orElseThrow();
            assertThat(node.runList()).containsExactly("role[db]", "recipe[postgresql::server]", "role[web]", "recipe[nginx]");
            assertThat(node.ohaiTime()).as("the lab's chef-client run saved Ohai data").isNotNull();
            assertThat(api().get().uri("/api/v1/machines/{id}/roles", id).retrieve().body(JsonNode.class)
                    .get("chefRunList").size()).isEqualTo(4);

            api().post().uri("/api/v1/machines/{id}/actions/release", id).retrieve().toBodilessEntity();
            approveAsApprover(id);
            awaitState(id, "available");
            assertThat(admin.node(certname)).isEmpty();
            assertThat(admin.deleteClient(certname)).as("the client was deleted by the release").isFalse();
        }
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
}
