package org.metalflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metalflow.IntegrationTest;
import org.metalflow.LabMachines;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every kind of bad registration gets a problem naming the field, and leaves nothing in the database. */
class BadRegistrationTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = """
            {"name":"bad-input-probe","bmc":{"address":"https://127.9.9.9:8443","username":"root",
             "password":"secret-never-stored","tls":{"insecure":true}}}""";

    @Autowired
    private JdbcClient jdbc;

    private LabMachines lab;

    @BeforeEach
    void setUp() {
        lab = new LabMachines(api());
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("address without scheme", "/bmc/address", "10.0.0.5", "bmc.address"),
                Arguments.of("address with ftp", "/bmc/address", "ftp://10.0.0.5", "bmc.address"),
                Arguments.of("address with a path", "/bmc/address", "https://10.0.0.5/redfish/v1", "bmc.address"),
                Arguments.of("address with credentials", "/bmc/address", "https://root:x@10.0.0.5", "bmc.address"),
                Arguments.of("address not a URL", "/bmc/address", "https://[bad", "bmc.address"),
                Arguments.of("address port out of range", "/bmc/address", "https://10.0.0.5:70000", "bmc.address"),
                Arguments.of("missing username", "/bmc/username", null, "bmc.username"),
                Arguments.of("blank password", "/bmc/password", "  ", "bmc.password"),
                Arguments.of("missing password", "/bmc/password", null, "bmc.password"),
                Arguments.of("name with upper case", "/name", "Node-1", "name"),
                Arguments.of("name with a dot", "/name", "node1.example.com", "name"),
                Arguments.of("name too long", "/name", "n".repeat(64), "name"),
                Arguments.of("name missing", "/name", null, "name"),
                Arguments.of("bad fingerprint", "/bmc/tls/certificateSha256", "abc", "bmc.tls.certificateSha256"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badFieldsAreNamedAndNothingIsStored(String description, String pointer, String value, String field)
            throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(VALID);
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        ObjectNode owner = (ObjectNode) (parent.isEmpty() ? body : body.at(parent));
        String leaf = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (value == null) {
            owner.remove(leaf);
        } else {
            owner.put(leaf, value);
        }
        assertRefused(body.toString(), HttpStatus.BAD_REQUEST, field);
    }

    @Test
    void twoTlsChoicesAtOnceAreRefused() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(VALID);
        ((ObjectNode) body.at("/bmc/tls")).put("certificateSha256", "ab".repeat(32));
        assertRefused(body.toString(), HttpStatus.BAD_REQUEST, "bmc.tls");
    }

    @Test
    void unknownFieldsAndMalformedJsonAreRefused() {
        assertRefused(VALID.replace("\"username\"", "\"user\""), HttpStatus.BAD_REQUEST, "bmc.user");
        assertRefused("{\"name\": \"x\", ", HttpStatus.BAD_REQUEST, null);
        assertRefused("", HttpStatus.BAD_REQUEST, null);
    }

    @Test
    void aDuplicateBmcOrNameIsAConflictAndLeavesTheFirstAlone() {
        ObjectNode first = lab.registration(6);
        UUID id = lab.registerOk(first);

        ObjectNode sameBmc = first.deepCopy();
        sameBmc.put("name", "another-name");
        // the same BMC written differently (upper-case scheme) is still the same BMC
        String address = first.at("/bmc/address").asText();
        ((ObjectNode) sameBmc.get("bmc")).put("address", address.replace("https://", "HTTPS://"));
        assertRefused(sameBmc.toString(), HttpStatus.CONFLICT, "bmc.address");

        ObjectNode sameName = lab.registration(7);
        sameName.put("name", first.get("name").asText());
        assertRefused(sameName.toString(), HttpStatus.CONFLICT, "name");

        assertThat(lab.machine(id).get("name").asText()).isEqualTo(first.get("name").asText());
    }

    @Test
    void unknownActionsAndMachinesAreRefused() {
        UUID unknown = UUID.randomUUID();
        JsonNode action = api().post().uri("/api/v1/machines/{id}/actions/explode", unknown).retrieve()
                .body(JsonNode.class);
        assertThat(action.get("status").asInt()).isEqualTo(400);
        assertThat(action.get("errors").get(0).get("field").asText()).isEqualTo("action");

        ResponseEntity<JsonNode> missing = api().get().uri("/api/v1/machines/{id}", unknown).retrieve()
                .toEntity(JsonNode.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<JsonNode> notUuid = api().get().uri("/api/v1/machines/not-a-uuid").retrieve()
                .toEntity(JsonNode.class);
        assertThat(notUuid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notUuid.getBody().get("errors").get(0).get("field").asText()).isEqualTo("id");
    }

    private void assertRefused(String body, HttpStatus status, String field) {
        long machines = count("machine");
        long credentials = count("bmc_credential");
        long processes = jdbc.sql("select count(*) from ACT_HI_PROCINST").query(Long.class).single();

        ResponseEntity<JsonNode> response = api().post().uri("/api/v1/machines")
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("status").asInt()).isEqualTo(status.value());
        assertThat(response.getBody().get("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(response.getBody().get("errors")).as("%s", response.getBody()).isNotNull();
            assertThat(response.getBody().get("errors").findValuesAsText("field")).contains(field);
        }
        assertThat(count("machine")).isEqualTo(machines);
        assertThat(count("bmc_credential")).isEqualTo(credentials);
        assertThat(jdbc.sql("select count(*) from ACT_HI_PROCINST").query(Long.class).single()).isEqualTo(processes);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
