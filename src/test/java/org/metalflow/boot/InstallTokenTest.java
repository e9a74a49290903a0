package org.metalflow.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.network.NetworkService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Install tokens and the files and callback they open, through the unauthenticated HTTP endpoints an
 * installer uses: a live token renders the install file with the machine's network data and is accepted once;
 * a used, expired or unknown token is refused, and so is a file the installer does not read.
 */
class InstallTokenTest extends IntegrationTest {

    @Autowired
    private DeploymentRepository deployments;

    @Autowired
    private InstallService installs;

    @Autowired
    private NetworkService networks;

    @Autowired
    private JdbcClient jdbc;

    private RestClient machine;

    @BeforeEach
    void anonymous() {
        machine = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @Test
    void aLiveTokenOpensTheInstallFileAndIsAcceptedOnce() {
        UUID id = deployment("02:00:00:00:10:01", "tok-one", "debian-12");
        String token = installs.liveToken(id).orElseThrow();

        String preseed = machine.get().uri("/api/v1/boot/install/{t}/preseed.cfg", token).retrieve().body(String.class);
        String address = networks.allocationsOf(id).get(0).address();
        assertThat(preseed).contains("d-i netcfg/get_hostname string tok-one")
                .contains("d-i netcfg/get_ipaddress string " + address)
                .contains("/api/v1/boot/callbacks/" + token);

        assertThat(status(machine.post().uri("/api/v1/boot/callbacks/{t}", token).contentType(MediaType.APPLICATION_JSON)
                .body("{\"outcome\":\"installed\"}"))).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(installs.deployment(id).installOutcome()).isEqualTo("installed");

        JsonNode again = machine.post().uri("/api/v1/boot/callbacks/{t}", token).contentType(MediaType.APPLICATION_JSON)
                .body("{\"outcome\":\"failed\"}").retrieve().body(JsonNode.class);
        assertThat(again.get("status").asInt()).isEqualTo(410);
        assertThat(again.get("detail").asText()).contains("used");
        assertThat(installs.deployment(id).installOutcome()).isEqualTo("installed");
        assertThat(status(machine.get().uri("/api/v1/boot/install/{t}/preseed.cfg", token))).isEqualTo(HttpStatus.GONE);
    }

    @Test
    void anExpiredUnknownOrMalformedTokenIsRefused() {
        UUID id = deployment("02:00:00:00:10:02", "tok-two", "debian-12");
        String token = installs.liveToken(id).orElseThrow();
        jdbc.sql("update machine_deployment set token_expires_at = :past where machine_id = :id")
                .param("past", java.sql.Timestamp.from(Instant.now().minusSeconds(1))).param("id", id).update();

        JsonNode expired = machine.post().uri("/api/v1/boot/callbacks/{t}", token)
                .contentType(MediaType.APPLICATION_JSON).body("{\"outcome\":\"installed\"}").retrieve().body(JsonNode.class);
        assertThat(expired.get("status").asInt()).isEqualTo(410);
        assertThat(expired.get("detail").asText()).contains("expired");
        assertThat(installs.deployment(id).installOutcome()).isNull();

        String unknown = InstallTokens.newToken();
        assertThat(status(machine.post().uri("/api/v1/boot/callbacks/{t}", unknown)
                .contentType(MediaType.APPLICATION_JSON).body("{\"outcome\":\"installed\"}"))).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(status(machine.get().uri("/api/v1/boot/install/{t}/preseed.cfg", "not-a-token")))
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void onlyTheFilesOfTheInstallerAreServedAndBodiesAreChecked() {
        UUID id = deployment("02:00:00:00:10:03", "tok-three", "ubuntu-24.04");
        String token = installs.liveToken(id).orElseThrow();

        String userData = machine.get().uri("/api/v1/boot/install/{t}/user-data", token).retrieve().body(String.class);
        assertThat(userData).startsWith("#cloud-config").contains("hostname: tok-three")
                .contains("macaddress: \"02:00:00:00:10:03\"");
        assertThat(machine.get().uri("/api/v1/boot/install/{t}/meta-data", token).retrieve().body(String.class))
                .contains("instance-id: " + id);
        assertThat(status(machine.get().uri("/api/v1/boot/install/{t}/preseed.cfg", token))).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(status(machine.get().uri("/api/v1/boot/install/" + token + "/..%2f..%2fetc%2fpasswd")))
                .isIn(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND);

        JsonNode badOutcome = machine.post().uri("/api/v1/boot/callbacks/{t}", token)
                .contentType(MediaType.APPLICATION_JSON).body("{\"outcome\":\"rebooted\"}").retrieve().body(JsonNode.class);
        assertThat(badOutcome.get("status").asInt()).isEqualTo(400);
        assertThat(badOutcome.get("errors").get(0).get("field").asText()).isEqualTo("outcome");
        assertThat(status(machine.post().uri("/api/v1/boot/callbacks/{t}", token)
                .contentType(MediaType.APPLICATION_JSON).body("{not json"))).isEqualTo(HttpStatus.BAD_REQUEST);
        String huge = "{\"outcome\":\"failed\",\"reason\":\"" + "x".repeat(20_000) + "\"}";
        assertThat(status(machine.post().uri("/api/v1/boot/callbacks/{t}", token)
                .contentType(MediaType.APPLICATION_JSON).body(huge))).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(installs.deployment(id).installOutcome()).isNull();
    }

    @Test
    void theChainScriptSendsIpxeToItsOwnMacAndUnknownMacsGetDiscovery() {
        String chain = machine.get().uri("/api/v1/boot/ipxe").retrieve().body(String.class);
        assertThat(chain).startsWith("#!ipxe").contains("/api/v1/boot/ipxe/mac/${netX/mac}");
        String unknown = machine.get().uri("/api/v1/boot/ipxe/mac/{mac}", "02:99:99:99:99:99").retrieve().body(String.class);
        assertThat(unknown).startsWith("#!ipxe").contains("02:99:99:99:99:99 is unknown");
        assertThat(status(machine.get().uri("/api/v1/boot/ipxe/mac/{mac}", "not-a-mac"))).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(status(machine.get().uri("/api/v1/machines/{id}/boot/ipxe", UUID.randomUUID())))
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /** A machine as discovery records it, with a deployment, an address and a live token. */
    private UUID deployment(String mac, String hostname, String os) {
        JsonNode created = machine.post().uri("/api/v1/discovery").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("nics", List.of(Map.of("name", "eno1", "mac", mac)))).retrieve().body(JsonNode.class);
        UUID id = UUID.fromString(created.get("id").asText());
        deployments.request(id, "lab", os, hostname, "admin", Instant.now());
        networks.allocate("lab", id, mac, hostname);
        installs.issueToken(id);
        return id;
    }

    private static HttpStatus status(RestClient.RequestHeadersSpec<?> request) {
        return HttpStatus.valueOf(request.retrieve().toBodilessEntity().getStatusCode().value());
    }
}
