package org.metalflow.cm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.boot.InstallService;
import org.metalflow.network.NetworkService;
import org.metalflow.roles.RoleService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What Puppet Server asks the platform: the ENC answers a deployed machine's certname with the classes of its
 * roles (parameters merged), the environment and the machine's id, and 404 for anyone else; the autosign check
 * says yes only to the machine's own install token.
 */
class EncAndAutosignTest extends IntegrationTest {

    @Autowired
    private InstallService installs;

    @Autowired
    private NetworkService networks;

    @Autowired
    private RoleService roles;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void theEncClassifiesADeployedMachineByItsRolesAndRefusesStrangers() throws Exception {
        UUID id = deployed("02:00:00:00:30:01", "enc-node");
        roles.assign(id, List.of("web", "db"), "roles");

        String yaml = api().get().uri("/api/v1/enc/{c}", "enc-node.lab.metalflow.test").accept(MediaType.ALL)
                .retrieve().body(String.class);
        JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        assertThat(node.get("environment").asText()).isEqualTo("production");
        assertThat(node.get("classes").get("metalflow_web").get("port").asInt()).isEqualTo(8080);
        assertThat(node.get("classes").get("metalflow_db").get("max_connections").asInt()).isEqualTo(200);
        assertThat(node.get("classes").size()).isEqualTo(2);
        assertThat(node.get("parameters").get("metalflow_machine_id").asText()).isEqualTo(id.toString());

        assertThat(status(api().get().uri("/api/v1/enc/{c}", "stranger.lab.metalflow.test")))
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void autosignSaysYesOnlyToTheMachinesOwnInstallToken() {
        UUID id = deployed("02:00:00:00:30:02", "sign-node");
        String token = installToken(id);
        assertThat(status(api().post().uri("/api/v1/puppet/autosign/{c}", "sign-node.lab.metalflow.test")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("challengePassword", token))))
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(status(api().post().uri("/api/v1/puppet/autosign/{c}", "sign-node.lab.metalflow.test")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("challengePassword", "guessed"))))
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status(api().post().uri("/api/v1/puppet/autosign/{c}", "other.lab.metalflow.test")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("challengePassword", token))))
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    /** A discovered machine with a deployment in the lab network, an address and an install token. */
    private UUID deployed(String mac, String hostname) {
        JsonNode created = api().post().uri("/api/v1/discovery").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("nics", List.of(Map.of("mac", mac)))).retrieve().body(JsonNode.class);
        UUID id = UUID.fromString(created.get("id").asText());
        jdbc.sql("insert into machine_deployment (machine_id, network, os, hostname, requested_by, requested_at) "
                        + "values (:id, 'lab', 'debian-12', :h, 'admin', :at)")
                .param("id", id).param("h", hostname).param("at", java.sql.Timestamp.from(Instant.now())).update();
        networks.allocate("lab", id, mac, hostname);
        installs.issueToken(id);
        return id;
    }

    /** The machine's install token, as its iPXE script hands it to the installer while it is deploying. */
    private String installToken(UUID id) {
        jdbc.sql("update machine set state = 'deploying' where id = :id").param("id", id).update();
        try {
            String script = api().get().uri("/api/v1/machines/{id}/boot/ipxe", id).retrieve().body(String.class);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("/api/v1/boot/install/([A-Za-z0-9_-]{43})/")
                    .matcher(script);
            assertThat(m.find()).as(script).isTrue();
            return m.group(1);
        } finally {
            jdbc.sql("update machine set state = 'discovered' where id = :id").param("id", id).update();
        }
    }

    private static HttpStatus status(org.springframework.web.client.RestClient.RequestHeadersSpec<?> request) {
        return HttpStatus.valueOf(request.retrieve().toBodilessEntity().getStatusCode().value());
    }
}
