package org.metalflow.cm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.connectors.testsupport.RealServer;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hand-off to Puppet against a real Puppet Server 7 and a real {@code puppet agent}: Puppet Server classifies
 * through the platform's ENC (docs/puppet/enc.sh) and posts its reports to the platform. A lab machine deployed
 * with the roles web and db: the agent (run by the test as the installed machine) sends its request, the
 * platform signs it, the next run's catalog holds exactly the classes of those roles with their parameters,
 * its report makes the machine active; after release the certificate is revoked and the agent is refused.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PuppetHandOffTest extends IntegrationTest {

    private static final String NODE = "puppet-node.lab.metalflow.test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RealServer puppet;
    private static int platformPort;

    @DynamicPropertySource
    static void puppet(DynamicPropertyRegistry registry) {
        platformPort = freePort();
        String platform = "http://127.0.0.1:" + platformPort;
        puppet = RealServer.start(Map.of(
                "PUPPET_PLATFORM_URL", platform,
                "PUPPET_PLATFORM_USER", "admin",
                "PUPPET_PLATFORM_PASSWORD", ADMIN_PASSWORD,
                "PUPPET_REPORT_URL", "http://admin:" + ADMIN_PASSWORD + "@127.0.0.1:" + platformPort + "/api/v1/puppet/reports"),
                "puppetserver-up.sh", tempDir("puppet"));
        registry.add("server.port", () -> platformPort);
        registry.add("metalflow.cm.system", () -> "puppet");
        registry.add("metalflow.cm.puppet.server", () -> "127.0.0.1");
        registry.add("metalflow.cm.puppet.ca-url", () -> puppet.get("CA_URL"));
        registry.add("metalflow.cm.puppet.ca-certificate", () -> puppet.get("CA_CERT"));
        registry.add("metalflow.cm.puppet.certificate", () -> puppet.get("API_CERT"));
        registry.add("metalflow.cm.puppet.private-key", () -> puppet.get("API_KEY"));
    }

    @AfterAll
    static void stop() {
        if (puppet != null) {
            puppet.close();
        }
    }

    @Test
    void theAgentsCatalogHoldsTheClassesOfTheMachinesRolesAndReleaseRevokesIt() throws IOException {
        modules();
        UUID id = available(0);
        api().post().uri("/api/v1/machines/{id}/actions/deploy", id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("hostname", "puppet-node", "roles", List.of("web", "db"))).retrieve().toBodilessEntity();
        // the installed machine boots and its agent asks for a certificate; the platform signs it
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5)).until(() ->
                "deploying".equals(state(id)) && agent().containsKey("AGENT_EXIT") && signed());
        Map<String, String> run = agent();
        assertThat(run.get("AGENT_EXIT")).as(run.toString()).isIn("0", "2");
        assertThat(run.get("CLASSES").split(",")).contains("metalflow_web", "metalflow_db");
        assertThat(parameters(run, "Metalflow_web")).containsEntry("port", 8080).containsEntry("workers", 4);
        assertThat(parameters(run, "Metalflow_db")).containsEntry("engine", "postgresql").containsEntry("max_connections", 200);
        awaitState(id, "active");

        api().post().uri("/api/v1/machines/{id}/actions/release", id).retrieve().toBodilessEntity();
        approveAsApprover(id);
        awaitState(id, "available");
        Map<String, String> refused = agent();
        assertThat(refused.get("AGENT_EXIT")).isNotIn("0", "2");
        assertThat(refused).doesNotContainKey("CLASSES");
    }

    private boolean signed() {
        RealServer.Result status = RealServer.run(List.of("curl", "-s", "--cacert", puppet.get("CA_CERT"),
                "--cert", puppet.get("API_CERT"), "--key", puppet.get("API_KEY"),
                puppet.get("CA_URL") + "/puppet-ca/v1/certificate_status/" + NODE), 30);
        return status.stdout().contains("\"state\":\"signed\"");
    }

    private static Map<String, String> agent() {
        RealServer.Result result = RealServer.run(List.of("bash", RealServer.SCRIPTS.resolve("puppet-agent.sh").toString(),
                puppet.directory().toString(), NODE), 120);
        Map<String, String> values = new HashMap<>();
        for (String line : result.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    private static Map<String, Object> parameters(Map<String, String> run, String klass) throws IOException {
        for (JsonNode resource : JSON.readTree(Path.of(run.get("CATALOG")).toFile()).path("resources")) {
            if ("Class".equals(resource.path("type").asText()) && klass.equals(resource.path("title").asText())) {
                return JSON.convertValue(resource.path("parameters"), Map.class);
            }
        }
        throw new AssertionError("no Class[" + klass + "] in " + run.get("CATALOG"));
    }

    /** The classes the lab roles name, in the server's production environment. */
    private static void modules() throws IOException {
        Path modules = puppet.directory().resolve("code/environments/production/modules");
        write(modules.resolve("metalflow_web/manifests/init.pp"),
                "class metalflow_web (Integer $port, Integer $workers) { notify { 'web': message => \"port ${port}\" } }\n");
        write(modules.resolve("metalflow_db/manifests/init.pp"),
                "class metalflow_db (String $engine, Integer $max_connections) { notify { 'db': message => $engine } }\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private String state(UUID id) {
        return api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class).get("state").asText();
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
        Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(state(id)).isEqualTo(state));
    }
}
