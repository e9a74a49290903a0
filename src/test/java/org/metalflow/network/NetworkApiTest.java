package org.metalflow.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metalflow.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The network API end to end: CRUD of networks, pools and reserved addresses, allocations, and every refusal. */
class NetworkApiTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private NetworkService networks;

    @Test
    void aNetworkIsCreatedReadUpdatedAndDeleted() {
        ResponseEntity<JsonNode> created = send(HttpMethod.POST, "/api/v1/networks", """
                {"name":"api-crud","cidr":"10.201.0.0/24","gateway":"10.201.0.1","dnsServers":["10.201.0.2","9.9.9.9"],
                 "domain":"crud.example","vlan":201,"site":"fra1","bootServer":"10.201.0.3"}""");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).hasPath("/api/v1/networks/api-crud");
        assertThat(created.getBody().get("cidr").asText()).isEqualTo("10.201.0.0/24");
        assertThat(created.getBody().get("pools")).isEmpty();

        ResponseEntity<JsonNode> pool = send(HttpMethod.POST, "/api/v1/networks/api-crud/pools",
                "{\"name\":\"hosts\",\"firstAddress\":\"10.201.0.0\",\"lastAddress\":\"10.201.0.99\"}");
        assertThat(pool.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(pool.getHeaders().getLocation()).hasPath("/api/v1/networks/api-crud/pools/hosts");
        ResponseEntity<JsonNode> reserved = send(HttpMethod.POST, "/api/v1/networks/api-crud/reserved",
                "{\"address\":\"10.201.0.10\",\"note\":\"switch\"}");
        assertThat(reserved.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(reserved.getHeaders().getLocation()).hasPath("/api/v1/networks/api-crud/reserved/10.201.0.10");

        JsonNode network = get("/api/v1/networks/api-crud").getBody();
        assertThat(network.get("gateway").asText()).isEqualTo("10.201.0.1");
        assertThat(texts(network.get("dnsServers"))).containsExactly("10.201.0.2", "9.9.9.9");
        assertThat(network.get("domain").asText()).isEqualTo("crud.example");
        assertThat(network.get("vlan").asInt()).isEqualTo(201);
        assertThat(network.get("site").asText()).isEqualTo("fra1");
        assertThat(network.get("bootServer").asText()).isEqualTo("10.201.0.3");
        JsonNode hosts = network.get("pools").get(0);
        assertThat(hosts.get("name").asText()).isEqualTo("hosts");
        assertThat(hosts.get("firstAddress").asText()).isEqualTo("10.201.0.0");
        assertThat(hosts.get("lastAddress").asText()).isEqualTo("10.201.0.99");
        assertThat(hosts.get("size").asLong()).isEqualTo(100);
        assertThat(hosts.get("allocated").asLong()).isZero();
        // .0 network, .1 gateway, .2 DNS, .3 boot server, .10 reserved
        assertThat(hosts.get("free").asLong()).isEqualTo(95);
        assertThat(network.get("reserved").get(0).get("address").asText()).isEqualTo("10.201.0.10");
        assertThat(network.get("reserved").get(0).get("note").asText()).isEqualTo("switch");
        assertThat(network.get("usage").get("size").asLong()).isEqualTo(100);

        UUID machine = UUID.randomUUID();
        networks.allocate("api-crud", machine, "52:54:00:c0:00:01", "crud-1");
        JsonNode used = get("/api/v1/networks/api-crud").getBody();
        assertThat(used.get("usage").get("allocated").asLong()).isEqualTo(1);
        assertThat(used.get("usage").get("free").asLong()).isEqualTo(94);
        assertThat(used.get("pools").get(0).get("allocated").asLong()).isEqualTo(1);

        ResponseEntity<JsonNode> updated = send(HttpMethod.PUT, "/api/v1/networks/api-crud", """
                {"name":"api-crud","cidr":"10.201.0.0/24","gateway":"10.201.0.254","dnsServers":["10.201.0.253"],
                 "domain":"crud2.example","vlan":202,"site":"fra2","bootServer":"10.201.0.252"}""");
        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode after = get("/api/v1/networks/api-crud").getBody();
        assertThat(after.get("gateway").asText()).isEqualTo("10.201.0.254");
        assertThat(texts(after.get("dnsServers"))).containsExactly("10.201.0.253");
        assertThat(after.get("domain").asText()).isEqualTo("crud2.example");
        assertThat(after.get("vlan").asInt()).isEqualTo(202);
        assertThat(after.get("site").asText()).isEqualTo("fra2");
        assertThat(after.get("bootServer").asText()).isEqualTo("10.201.0.252");
        assertThat(after.get("pools").get(0).get("free").asLong()).as(".0, .10 and the allocation").isEqualTo(97);

        JsonNode page = get("/api/v1/networks?site=fra2&size=500").getBody();
        assertThat(page.get("items")).extracting(n -> n.get("name").asText()).containsExactly("api-crud");
        assertThat(page.get("total").asLong()).isEqualTo(1);

        assertThat(send(HttpMethod.DELETE, "/api/v1/networks/api-crud", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(networks.releaseAll(machine)).isEqualTo(1);
        assertThat(send(HttpMethod.DELETE, "/api/v1/networks/api-crud", null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(get("/api/v1/networks/api-crud").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/v1/networks/api-crud/pools").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theSeededLabNetworkIsThere() {
        JsonNode lab = get("/api/v1/networks/lab").getBody();
        assertThat(lab.get("cidr").asText()).isEqualTo("10.88.0.0/16");
        assertThat(lab.get("gateway").asText()).isEqualTo("10.88.0.1");
        assertThat(texts(lab.get("dnsServers"))).containsExactly("10.88.0.2");
        assertThat(lab.get("domain").asText()).isEqualTo("lab.metalflow.test");
        assertThat(lab.get("bootServer").asText()).isEqualTo("10.88.0.3");
        JsonNode pool = lab.get("pools").get(0);
        assertThat(pool.get("name").asText()).isEqualTo("machines");
        assertThat(pool.get("firstAddress").asText()).isEqualTo("10.88.1.0");
        assertThat(pool.get("lastAddress").asText()).isEqualTo("10.88.63.255");
    }

    static Stream<Arguments> badNetworks() {
        return Stream.of(
                Arguments.of("host bits set", "/cidr", "10.201.100.1/24", "cidr", "host bits"),
                Arguments.of("no prefix", "/cidr", "10.201.100.0", "cidr", "no prefix length"),
                Arguments.of("not an address", "/cidr", "10.201.100/24", "cidr", "not a CIDR"),
                Arguments.of("IPv6", "/cidr", "fd00:1::/64", "cidr", "only IPv4"),
                Arguments.of("too small", "/cidr", "10.201.100.0/31", "cidr", "/8 to /30"),
                Arguments.of("missing cidr", "/cidr", null, "cidr", "blank"),
                Arguments.of("overlaps", "/cidr", "10.201.96.0/20", "cidr", "overlaps network api-overlapped"),
                Arguments.of("gateway outside", "/gateway", "10.201.101.1", "gateway", "outside 10.201.100.0/24"),
                Arguments.of("gateway is network", "/gateway", "10.201.100.0", "gateway", "network address"),
                Arguments.of("gateway is broadcast", "/gateway", "10.201.100.255", "gateway", "broadcast address"),
                Arguments.of("gateway not an address", "/gateway", "gw.example", "gateway", "not an IPv4 address"),
                Arguments.of("boot server not an address", "/bootServer", "10.201.100.300", "bootServer", "0 to 255"),
                Arguments.of("domain with underscore", "/domain", "lab_1.example", "domain", "RFC 1123"),
                Arguments.of("domain upper case", "/domain", "Lab.Example", "domain", "RFC 1123"),
                Arguments.of("domain with trailing dot", "/domain", "lab.example.", "domain", "RFC 1123"),
                Arguments.of("vlan 0", "/vlan", 0, "vlan", "greater than or equal to 1"),
                Arguments.of("vlan 4095", "/vlan", 4095, "vlan", "less than or equal to 4094"),
                Arguments.of("name upper case", "/name", "Bad-Net", "name", "RFC 1123"),
                Arguments.of("site with a space", "/site", "fra 1", "site", "RFC 1123"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNetworks")
    void badNetworksAreRefusedNamingTheField(String description, String pointer, Object value, String field,
                                             String detail) {
        ensureNetwork("api-overlapped", "10.201.104.0/24");
        ObjectNode body = validNetwork("api-bad", "10.201.100.0/24");
        String leaf = pointer.substring(1);
        if (value == null) {
            body.remove(leaf);
        } else if (value instanceof Integer number) {
            body.put(leaf, number);
        } else {
            body.put(leaf, (String) value);
        }
        assertRefused(send(HttpMethod.POST, "/api/v1/networks", body.toString()), HttpStatus.BAD_REQUEST, field,
                detail);
        assertThat(get("/api/v1/networks/api-bad").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void badDnsServersAreNamedByPosition() {
        ObjectNode body = validNetwork("api-bad-dns", "10.201.106.0/24");
        body.putArray("dnsServers").add("10.201.106.2").add("dns.example");
        assertRefused(send(HttpMethod.POST, "/api/v1/networks", body.toString()), HttpStatus.BAD_REQUEST,
                "dnsServers[1]", "not an IPv4 address");
        body.putArray("dnsServers").add("2001:db8::53");
        assertRefused(send(HttpMethod.POST, "/api/v1/networks", body.toString()), HttpStatus.BAD_REQUEST,
                "dnsServers[0]", "only IPv4");
    }

    @Test
    void aTakenNameIsAConflict() {
        ensureNetwork("api-taken", "10.201.107.0/24");
        assertRefused(send(HttpMethod.POST, "/api/v1/networks",
                validNetwork("api-taken", "10.201.108.0/24").toString()), HttpStatus.CONFLICT, "name",
                "exists already");
    }

    static Stream<Arguments> badPools() {
        return Stream.of(
                Arguments.of("first outside", "10.201.111.10", "10.201.110.20", "firstAddress", "outside network"),
                Arguments.of("last outside", "10.201.110.10", "10.201.111.20", "lastAddress", "outside network"),
                Arguments.of("first above last", "10.201.110.30", "10.201.110.20", "lastAddress", "below firstAddress"),
                Arguments.of("first inside another", "10.201.110.150", "10.201.110.220", "firstAddress",
                        "overlaps pool existing (10.201.110.100 - 10.201.110.199)"),
                Arguments.of("last inside another", "10.201.110.50", "10.201.110.100", "lastAddress",
                        "overlaps pool existing"),
                Arguments.of("around another", "10.201.110.50", "10.201.110.250", "firstAddress",
                        "overlaps pool existing"),
                Arguments.of("not an address", "10.201.110", "10.201.110.20", "firstAddress", "not an IPv4 address"),
                Arguments.of("IPv6", "10.201.110.1", "fd00::1", "lastAddress", "only IPv4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPools")
    void badPoolsAreRefusedNamingTheField(String description, String first, String last, String field, String detail) {
        if (ensureNetwork("api-pools", "10.201.110.0/24")) {
            assertThat(send(HttpMethod.POST, "/api/v1/networks/api-pools/pools",
                    pool("existing", "10.201.110.100", "10.201.110.199")).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
        }
        assertRefused(send(HttpMethod.POST, "/api/v1/networks/api-pools/pools", pool("bad", first, last)),
                HttpStatus.BAD_REQUEST, field, detail);
        assertThat(texts(get("/api/v1/networks/api-pools/pools").getBody(), "name")).containsExactly("existing");
    }

    @Test
    void poolsAndReservedAddressesOfUnknownNetworksOrNamesAreNotFound() {
        ensureNetwork("api-missing", "10.201.112.0/24");
        assertRefused(get("/api/v1/networks/no-such-network"), HttpStatus.NOT_FOUND, null,
                "no network no-such-network");
        assertRefused(send(HttpMethod.POST, "/api/v1/networks/no-such-network/pools",
                pool("p", "10.201.112.1", "10.201.112.9")), HttpStatus.NOT_FOUND, null, "no network");
        assertRefused(send(HttpMethod.DELETE, "/api/v1/networks/api-missing/pools/nope", null), HttpStatus.NOT_FOUND,
                null, "has no pool nope");
        assertRefused(get("/api/v1/networks/api-missing/pools/nope"), HttpStatus.NOT_FOUND, null, "has no pool nope");
        assertRefused(send(HttpMethod.DELETE, "/api/v1/networks/api-missing/reserved/10.201.112.7", null),
                HttpStatus.NOT_FOUND, null, "not reserved");
        assertRefused(send(HttpMethod.DELETE, "/api/v1/networks/api-missing/reserved/10.201.112", null),
                HttpStatus.BAD_REQUEST, "address", "not an IPv4 address");
        assertRefused(send(HttpMethod.PUT, "/api/v1/networks/no-such-network",
                validNetwork("no-such-network", "10.201.113.0/24").toString()), HttpStatus.NOT_FOUND, null,
                "no network");
        assertRefused(send(HttpMethod.DELETE, "/api/v1/networks/no-such-network", null), HttpStatus.NOT_FOUND, null,
                "no network");
    }

    @Test
    void reservedAddressesOutsideTheCidrOrTakenAreRefused() {
        ensureNetwork("api-reserved", "10.201.114.0/24");
        send(HttpMethod.POST, "/api/v1/networks/api-reserved/pools", pool("all", "10.201.114.1", "10.201.114.254"));
        assertRefused(send(HttpMethod.POST, "/api/v1/networks/api-reserved/reserved", "{\"address\":\"10.201.115.4\"}"),
                HttpStatus.BAD_REQUEST, "address", "outside network api-reserved (10.201.114.0/24)");
        assertRefused(send(HttpMethod.POST, "/api/v1/networks/api-reserved/reserved", "{\"address\":\"10.201.114\"}"),
                HttpStatus.BAD_REQUEST, "address", "not an IPv4 address");

        Allocation allocation = networks.allocate("api-reserved", UUID.randomUUID(), "52:54:00:c1:00:01", "res-1");
        assertThat(allocation.address()).as(".1 gateway, .2 DNS").isEqualTo("10.201.114.3");
        assertRefused(send(HttpMethod.POST, "/api/v1/networks/api-reserved/reserved",
                "{\"address\":\"10.201.114.3\"}"), HttpStatus.CONFLICT, "address", "allocated to machine");
        assertThat(send(HttpMethod.POST, "/api/v1/networks/api-reserved/reserved", "{\"address\":\"10.201.114.4\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertRefused(send(HttpMethod.POST, "/api/v1/networks/api-reserved/reserved", "{\"address\":\"10.201.114.4\"}"),
                HttpStatus.CONFLICT, "address", "reserved already");
        assertThat(networks.allocate("api-reserved", UUID.randomUUID(), "52:54:00:c1:00:02", "res-2").address())
                .as("the reserved .4 is skipped").isEqualTo("10.201.114.5");

        assertThat(send(HttpMethod.DELETE, "/api/v1/networks/api-reserved/reserved/10.201.114.4", null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(networks.allocate("api-reserved", UUID.randomUUID(), "52:54:00:c1:00:03", "res-3").address())
                .as("free again").isEqualTo("10.201.114.4");
    }

    @Test
    void theCidrIsFixedWhileAddressesAreAllocatedAndPoolsMustStayInside() {
        ensureNetwork("api-resize", "10.201.116.0/24");
        send(HttpMethod.POST, "/api/v1/networks/api-resize/pools", pool("low", "10.201.116.10", "10.201.116.20"));

        ObjectNode wider = validNetwork("api-resize", "10.201.116.0/23");
        wider.put("gateway", "10.201.116.1");
        ResponseEntity<JsonNode> resized = send(HttpMethod.PUT, "/api/v1/networks/api-resize", wider.toString());
        assertThat(resized.getStatusCode()).as("nothing allocated yet").isEqualTo(HttpStatus.OK);
        assertThat(resized.getBody().get("cidr").asText()).isEqualTo("10.201.116.0/23");

        ObjectNode narrower = validNetwork("api-resize", "10.201.117.0/24");
        narrower.put("gateway", "10.201.117.1");
        assertRefused(send(HttpMethod.PUT, "/api/v1/networks/api-resize", narrower.toString()), HttpStatus.CONFLICT,
                "cidr", "pool low");

        Allocation allocation = networks.allocate("api-resize", UUID.randomUUID(), "52:54:00:c2:00:01", "resize-1");
        assertRefused(send(HttpMethod.PUT, "/api/v1/networks/api-resize", validNetwork("api-resize", "10.201.116.0/24")
                .put("gateway", "10.201.116.1").toString()), HttpStatus.CONFLICT, "cidr", "1 allocated address");
        ObjectNode gatewayOnAllocation = validNetwork("api-resize", "10.201.116.0/23");
        gatewayOnAllocation.put("gateway", allocation.address());
        assertRefused(send(HttpMethod.PUT, "/api/v1/networks/api-resize", gatewayOnAllocation.toString()),
                HttpStatus.CONFLICT, "gateway", "allocated to machine " + allocation.machineId());
        assertRefused(send(HttpMethod.PUT, "/api/v1/networks/api-resize", validNetwork("other-name", "10.201.116.0/23")
                .toString()), HttpStatus.BAD_REQUEST, "name", "must equal the name in the path");

        assertRefused(send(HttpMethod.DELETE, "/api/v1/networks/api-resize/pools/low", null), HttpStatus.CONFLICT, null,
                "1 allocated address");
        assertThat(send(HttpMethod.DELETE, "/api/v1/allocations/" + allocation.id(), null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(send(HttpMethod.DELETE, "/api/v1/networks/api-resize/pools/low", null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(get("/api/v1/networks/api-resize/pools").getBody()).isEmpty();
    }

    @Test
    void allocationsAreListedByNetworkMachineAndMacAndReleasedById() {
        ensureNetwork("api-alloc-a", "10.201.120.0/24");
        ensureNetwork("api-alloc-b", "10.201.121.0/24");
        send(HttpMethod.POST, "/api/v1/networks/api-alloc-a/pools", pool("p", "10.201.120.10", "10.201.120.99"));
        send(HttpMethod.POST, "/api/v1/networks/api-alloc-b/pools", pool("p", "10.201.121.10", "10.201.121.99"));
        UUID machine = UUID.randomUUID();
        Allocation a = networks.allocate("api-alloc-a", machine, "52:54:00:C3:00:01", "alloc-1");
        Allocation b = networks.allocate("api-alloc-b", machine, "52:54:00:c3:00:02", "alloc-1");
        networks.allocate("api-alloc-a", UUID.randomUUID(), "52:54:00:c3:00:03", "alloc-2");

        JsonNode byMachine = get("/api/v1/allocations?machineId=" + machine).getBody();
        assertThat(byMachine.get("total").asLong()).isEqualTo(2);
        assertThat(texts(byMachine.get("items"), "id")).containsExactly(a.id().toString(), b.id().toString());
        JsonNode first = byMachine.get("items").get(0);
        assertThat(first.get("network").asText()).isEqualTo("api-alloc-a");
        assertThat(first.get("address").asText()).isEqualTo("10.201.120.10");
        assertThat(first.get("prefixLength").asInt()).isEqualTo(24);
        assertThat(first.get("gateway").asText()).isEqualTo("10.201.120.1");
        assertThat(first.get("mac").asText()).isEqualTo("52:54:00:c3:00:01");
        assertThat(first.get("hostname").asText()).isEqualTo("alloc-1");
        assertThat(first.get("pool").asText()).isEqualTo("p");

        JsonNode byNetwork = get("/api/v1/allocations?network=api-alloc-a&size=1").getBody();
        assertThat(byNetwork.get("total").asLong()).isEqualTo(2);
        assertThat(byNetwork.get("items")).hasSize(1);
        JsonNode second = get("/api/v1/allocations?network=api-alloc-a&size=1&page=1").getBody();
        assertThat(second.get("items").get(0).get("address").asText()).isEqualTo("10.201.120.11");

        JsonNode byMac = get("/api/v1/allocations?mac=52-54-00-C3-00-02").getBody();
        assertThat(texts(byMac.get("items"), "id")).containsExactly(b.id().toString());

        assertRefused(get("/api/v1/allocations?machineId=not-a-uuid"), HttpStatus.BAD_REQUEST, "machineId", "invalid");
        assertRefused(get("/api/v1/allocations?mac=nope"), HttpStatus.BAD_REQUEST, "mac", "not a MAC address");
        assertRefused(get("/api/v1/allocations?network=no-such-network"), HttpStatus.NOT_FOUND, null, "no network");
        assertRefused(get("/api/v1/allocations?size=0"), HttpStatus.BAD_REQUEST, "size", "between 1 and");

        assertThat(send(HttpMethod.DELETE, "/api/v1/allocations/" + a.id(), null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertRefused(send(HttpMethod.DELETE, "/api/v1/allocations/" + a.id(), null), HttpStatus.NOT_FOUND, null,
                "no allocation " + a.id());
        assertRefused(get("/api/v1/allocations/" + a.id()), HttpStatus.NOT_FOUND, null, "no allocation");
        assertThat(get("/api/v1/allocations?machineId=" + machine).getBody().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void theOpenApiDocumentListsTheNetworkResources() {
        JsonNode doc = get("/v3/api-docs").getBody();
        assertThat(doc.get("paths").has("/api/v1/networks")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/networks/{name}/pools/{pool}")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/networks/{name}/reserved/{address}")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/allocations/{id}")).isTrue();
    }

    // --- helpers

    private static ObjectNode validNetwork(String name, String cidr) {
        ObjectNode body = JSON.createObjectNode();
        Cidr parsed = Cidr.parse(cidr);
        body.put("name", name).put("cidr", cidr).put("gateway", parsed.networkAddress().plus(1).toString())
                .put("domain", name + ".example").put("vlan", 100);
        body.putArray("dnsServers").add(parsed.networkAddress().plus(2).toString());
        return body;
    }

    /** Creates the network unless it exists; true when this call created it. */
    private boolean ensureNetwork(String name, String cidr) {
        if (get("/api/v1/networks/" + name).getStatusCode() == HttpStatus.OK) {
            return false;
        }
        ResponseEntity<JsonNode> created = send(HttpMethod.POST, "/api/v1/networks",
                validNetwork(name, cidr).toString());
        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        return true;
    }

    private static String pool(String name, String first, String last) {
        return JSON.createObjectNode().put("name", name).put("firstAddress", first).put("lastAddress", last).toString();
    }

    private ResponseEntity<JsonNode> get(String uri) {
        return send(HttpMethod.GET, uri, null);
    }

    private ResponseEntity<JsonNode> send(HttpMethod method, String uri, String body) {
        var request = api().method(method).uri(uri);
        if (body != null) {
            request.headers(h -> h.addAll(json())).body(body);
        }
        return request.retrieve().toEntity(JsonNode.class);
    }

    private static void assertRefused(ResponseEntity<JsonNode> response, HttpStatus status, String field,
                                      String detail) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode problem = response.getBody();
        assertThat(problem.get("status").asInt()).isEqualTo(status.value());
        assertThat(problem.get("detail").asText()).contains(detail);
        if (field != null) {
            assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo(field);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.get(field).asText()));
        return texts;
    }
}
