package org.metalflow.connectors.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.metalflow.connectors.chef.ChefServer.NodeChange;
import org.metalflow.connectors.testsupport.RealServer;

/**
 * The connector against a real goiardi 0.11 (Chef 11 API) with authentication on, signed as goiardi's admin client,
 * with both signing protocols (goiardi 0.11.10 verifies 1.0 and 1.3).
 */
class ChefServerGoiardiTest {

    private static Path directory;
    private static RealServer goiardi;
    private static String adminKey;
    private static ChefSettings admin;
    private static final Map<ChefAuthVersion, ChefServer> CHEF = new EnumMap<>(ChefAuthVersion.class);
    /** Every ChefException any test saw: none may quote the admin key. */
    private static final List<ChefException> SEEN = new ArrayList<>();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient();

    @BeforeAll
    static void start() throws Exception {
        directory = Files.createTempDirectory("metalflow-goiardi");
        goiardi = RealServer.start("goiardi-up.sh", directory);
        adminKey = Files.readString(Path.of(goiardi.get("ADMIN_KEY")));
        admin = ChefSettings.of(goiardi.get("CHEF_URL"), goiardi.get("ADMIN_NAME"), adminKey).withTimeout(Duration.ofSeconds(5));
        for (ChefAuthVersion version : ChefAuthVersion.values()) {
            CHEF.put(version, new ChefServer(admin.withAuthVersion(version)));
        }
    }

    @AfterAll
    static void stop() {
        CHEF.values().forEach(ChefServer::close);
        HTTP.dispatcher().executorService().shutdown();
        HTTP.connectionPool().evictAll();
        if (goiardi != null) {
            goiardi.close();
        }
        String keyBody = adminKey == null ? null : adminKey.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        for (ChefException e : SEEN) {
            assertThat(e.getMessage()).doesNotContain("PRIVATE KEY");
            if (keyBody != null) {
                assertThat(e.getMessage()).doesNotContain(keyBody).doesNotContain(keyBody.substring(10, 40));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ChefAuthVersion.class)
    void ensure_node_creates_updates_and_then_leaves_a_node_alone(ChefAuthVersion version) {
        ChefServer chef = CHEF.get(version);
        String name = "web-01-" + suffix(version);

        NodeChange first = chef.ensureNode(name, List.of("role[web]", "recipe[base]"), "production",
                Map.of("metalflow", Map.of("machine", "m-0001", "rack", 7)));

        assertThat(first).isEqualTo(NodeChange.CREATED);
        ChefNode created = chef.node(name).orElseThrow();
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.runList()).containsExactly("role[web]", "recipe[base]");
        assertThat(created.environment()).isEqualTo("production");
        assertThat(created.normal()).containsEntry("metalflow", Map.of("machine", "m-0001", "rack", 7));
        assertThat(created.converged()).isFalse();

        NodeChange second = chef.ensureNode(name, List.of("role[db]", "base"), "production",
                Map.of("metalflow", Map.of("machine", "m-0001", "rack", 8)));

        assertThat(second).isEqualTo(NodeChange.UPDATED);
        ChefNode updated = chef.node(name).orElseThrow();
        assertThat(updated.runList()).containsExactly("role[db]", "recipe[base]");
        assertThat(updated.environment()).isEqualTo("production");
        assertThat(updated.normal()).containsEntry("metalflow", Map.of("machine", "m-0001", "rack", 8));

        assertThat(chef.ensureNode(name, List.of("role[db]", "recipe[base]"), "production",
                Map.of("metalflow", Map.of("machine", "m-0001", "rack", 8)))).isEqualTo(NodeChange.UNCHANGED);
        assertThat(chef.deleteNode(name)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ChefAuthVersion.class)
    void a_new_client_key_reads_its_node_and_replacing_the_client_revokes_the_old_key(ChefAuthVersion version) {
        ChefServer chef = CHEF.get(version);
        String name = "web-02-" + suffix(version);
        chef.ensureNode(name, List.of("recipe[base]"), null, null);

        String firstKey = chef.createClient(name);

        assertThat(firstKey).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        try (ChefServer asNode = new ChefServer(admin.withAuthVersion(version).withClient(name, firstKey))) {
            ChefNode own = asNode.node(name).orElseThrow();
            assertThat(own.runList()).containsExactly("recipe[base]");
            assertThat(own.environment()).isEqualTo("_default");
        }

        String secondKey = chef.createClient(name);

        assertThat(secondKey).startsWith("-----BEGIN RSA PRIVATE KEY-----").isNotEqualTo(firstKey);
        try (ChefServer oldKey = new ChefServer(admin.withAuthVersion(version).withClient(name, firstKey));
             ChefServer newKey = new ChefServer(admin.withAuthVersion(version).withClient(name, secondKey))) {
            ChefException refused = seen(catchThrowableOfType(() -> oldKey.node(name), ChefException.class));
            assertThat(refused.getMessage()).contains("HTTP 401").contains("client " + name);
            assertThat(refused.transientFailure()).isFalse();
            assertThat(newKey.node(name)).isPresent();
        }
        chef.deleteClient(name);
        chef.deleteNode(name);
    }

    @ParameterizedTest
    @EnumSource(ChefAuthVersion.class)
    void delete_node_and_client_remove_them_and_deleting_again_is_a_no_op(ChefAuthVersion version) {
        ChefServer chef = CHEF.get(version);
        String name = "web-03-" + suffix(version);
        chef.ensureNode(name, List.of("recipe[base]"), null, Map.of());
        String key = chef.createClient(name);

        assertThat(chef.deleteNode(name)).isTrue();
        assertThat(chef.deleteClient(name)).isTrue();

        assertThat(chef.node(name)).isEmpty();
        try (ChefServer asDeletedClient = new ChefServer(admin.withAuthVersion(version).withClient(name, key))) {
            ChefException refused = seen(catchThrowableOfType(() -> asDeletedClient.node(name), ChefException.class));
            assertThat(refused.getMessage()).contains("HTTP 401").contains("client " + name);
        }
        assertThat(chef.deleteNode(name)).isFalse();
        assertThat(chef.deleteClient(name)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ChefAuthVersion.class)
    void a_request_signed_with_a_wrong_key_is_refused_and_not_worth_retrying(ChefAuthVersion version) {
        ChefSettings wrongKey = admin.withAuthVersion(version).withClient("admin", ChefRequestSignerTest.pkcs8Pem(ChefRequestSignerTest.freshKey()));
        try (ChefServer impostor = new ChefServer(wrongKey)) {
            ChefException refused = seen(catchThrowableOfType(() -> impostor.node("web-01"), ChefException.class));

            assertThat(refused.transientFailure()).isFalse();
            assertThat(refused.getMessage())
                    .startsWith("Chef server " + goiardi.get("CHEF_URL") + " (client admin) answered HTTP 401 to GET /nodes/web-01")
                    .contains("signature of client admin");
        }
    }

    @Test
    void what_the_chef_agent_saved_survives_an_update_by_the_platform() throws Exception {
        ChefServer chef = CHEF.get(ChefAuthVersion.V1_0);
        chef.ensureNode("web-04", List.of("recipe[base]"), "staging", Map.of("metalflow", Map.of("machine", "m-4")));
        String nodeKey = chef.createClient("web-04");
        // What chef-client does at the end of a run, signed with the node's own key: GET the node, add its Ohai
        // data (automatic) and a tag (normal), PUT it back.
        ChefSettings asNode = admin.withClient("web-04", nodeKey);
        ObjectNode saved = (ObjectNode) signedCall(asNode, "GET", "/nodes/web-04", null);
        ((ObjectNode) saved.get("automatic")).put("ohai_time", 1700000000.25).put("platform", "debian");
        ((ObjectNode) saved.get("normal")).putArray("tags").add("installed");
        signedCall(asNode, "PUT", "/nodes/web-04", saved);
        assertThat(chef.node("web-04").orElseThrow().ohaiTime()).isEqualTo(Instant.parse("2023-11-14T22:13:20.250Z"));

        NodeChange change = chef.ensureNode("web-04", List.of("role[web]"), "staging", Map.of("metalflow", Map.of("machine", "m-4")));

        assertThat(change).isEqualTo(NodeChange.UPDATED);
        ChefNode node = chef.node("web-04").orElseThrow();
        assertThat(node.runList()).containsExactly("role[web]");
        assertThat(node.converged()).isTrue();
        assertThat(node.ohaiTime()).isEqualTo(Instant.parse("2023-11-14T22:13:20.250Z"));
        assertThat(node.normal()).containsEntry("tags", List.of("installed")).containsEntry("metalflow", Map.of("machine", "m-4"));
        assertThat(signedCall(asNode, "GET", "/nodes/web-04", null).path("automatic").path("platform").asText()).isEqualTo("debian");
        chef.deleteClient("web-04");
        chef.deleteNode("web-04");
    }

    /** One request signed like a Chef agent signs it, outside the connector. */
    private static JsonNode signedCall(ChefSettings as, String method, String path, JsonNode body) throws Exception {
        ChefRequestSigner signer = new ChefRequestSigner(as.clientName(), ChefKeys.privateKey(as.clientKeyPem(), "key"),
                as.authVersion(), "1");
        byte[] bytes = body == null ? new byte[0] : MAPPER.writeValueAsBytes(body);
        Request.Builder request = new Request.Builder().url(as.serverUrl() + path)
                .method(method, body == null ? null : RequestBody.create(bytes, MediaType.get("application/json")))
                .header("Accept", "application/json").header("X-Chef-Version", "12.0.0");
        signer.sign(method, path, bytes, Instant.now()).forEach(request::header);
        try (Response response = HTTP.newCall(request.build()).execute()) {
            String text = response.body().string();
            assertThat(response.code()).as(method + " " + path + ": " + text).isBetween(200, 299);
            return MAPPER.readTree(text);
        }
    }

    @Test
    void a_client_the_server_does_not_know_is_refused() {
        try (ChefServer stranger = new ChefServer(admin.withClient("nobody", ChefRequestSignerTest.pkcs8Pem(ChefRequestSignerTest.freshKey())))) {
            ChefException refused = seen(catchThrowableOfType(() -> stranger.ensureNode("x", List.of(), null, null), ChefException.class));

            assertThat(refused.transientFailure()).isFalse();
            assertThat(refused.getMessage()).contains("HTTP 401").contains("POST /nodes").contains("client nobody");
        }
    }

    @Test
    void a_stopped_server_is_a_transient_failure() throws Exception {
        Path otherDirectory = Files.createTempDirectory("metalflow-goiardi-stopped");
        RealServer other = RealServer.start("goiardi-up.sh", otherDirectory);
        String otherKey = Files.readString(Path.of(other.get("ADMIN_KEY")));
        try (ChefServer doomed = new ChefServer(ChefSettings.of(other.get("CHEF_URL"), "admin", otherKey)
                .withTimeout(Duration.ofSeconds(3)))) {
            assertThat(doomed.node("nothing-yet")).isEmpty();
            other.close();

            ChefException unreachable = seen(catchThrowableOfType(() -> doomed.node("nothing-yet"), ChefException.class));

            assertThat(unreachable.transientFailure()).isTrue();
            assertThat(unreachable.getMessage())
                    .startsWith("Chef server " + other.get("CHEF_URL") + " (client admin) did not answer GET /nodes/nothing-yet");
            assertThat(unreachable.getMessage()).doesNotContain(otherKey.lines().skip(1).findFirst().orElseThrow());
        } finally {
            other.close();
        }
    }

    @Test
    void invalid_names_are_refused_before_anything_is_sent() {
        ChefServer chef = CHEF.get(ChefAuthVersion.V1_0);
        ChefException refused = seen(catchThrowableOfType(() -> chef.ensureNode("web 01/../x", List.of(), null, null), ChefException.class));

        assertThat(refused.transientFailure()).isFalse();
        assertThat(refused.getMessage()).contains("not a valid Chef node name").contains("nothing was sent");
    }

    private static String suffix(ChefAuthVersion version) {
        return "v" + version.version().replace(".", "");
    }

    private static ChefException seen(ChefException e) {
        assertThat(e).isNotNull();
        synchronized (SEEN) {
            SEEN.add(e);
        }
        return e;
    }
}
