package org.metalflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit trail of a machine taken through its whole lifecycle (enroll, prepare, deploy, release with an
 * approver): every state change with its actor, the admin's API mutations with status and request id, the
 * connector side effects with their process instances, the approval with its approver; the filters and paging of
 * GET /api/v1/audit; no route that changes an entry; and no BMC password anywhere in it.
 */
class AuditTrailTest extends IntegrationTest {

    /** Lab BMCs 155-159 belong to this test. */
    private static final int LIFECYCLE = 155;
    private static final int ENROLL_ONLY = 156;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aMachinesLifecycleIsOnTheTrailWithWhoWhenWhatAndCorrelationIds() {
        JsonNode bmc = labBmc(LIFECYCLE);
        String registerRequest = "audit-register-" + UUID.randomUUID();
        var registered = api().post().uri("/api/v1/machines").header("X-Request-Id", registerRequest)
                .contentType(MediaType.APPLICATION_JSON).body(bmc.get("registration")).retrieve().toEntity(JsonNode.class);
        assertThat(registered.getHeaders().getFirst("X-Request-Id")).isEqualTo(registerRequest);
        UUID id = UUID.fromString(registered.getBody().get("id").asText());
        awaitState(id, "manageable");
        String prepareRequest = "audit-prepare-" + UUID.randomUUID();
        assertThat(api().post().uri("/api/v1/machines/{id}/actions/prepare", id).header("X-Request-Id", prepareRequest)
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(202);
        awaitState(id, "available");
        var deploy = api().post().uri("/api/v1/machines/{id}/actions/deploy", id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("hostname", "audit-155")).retrieve().toBodilessEntity();
        String generatedRequest = deploy.getHeaders().getFirst("X-Request-Id");
        assertThat(generatedRequest).as("a request id is made when the caller sends none").isNotBlank();
        awaitState(id, "active");
        api().post().uri("/api/v1/machines/{id}/actions/release", id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of()).retrieve().toBodilessEntity();
        approveAsApprover(id);
        awaitState(id, "available");

        List<JsonNode> trail = all("machineId=" + id);

        // every state change, each with its actor, as many as the machine's own history holds
        List<JsonNode> states = ofAction(trail, "machine.state");
        JsonNode history = api().get().uri("/api/v1/machines/{id}/history?size=500", id).retrieve().body(JsonNode.class);
        assertThat(states).hasSize(history.get("total").asInt());
        states.forEach(e -> assertThat(e.get("actor").asText()).as("%s", e).isNotBlank());
        assertThat(states.stream().map(e -> e.get("details").get("to").asText()).toList())
                .contains("enrolling", "manageable", "preparing", "available", "deploying", "active", "releasing");
        assertThat(states).anySatisfy(e -> {
            assertThat(e.get("details").get("to").asText()).isEqualTo("enrolling");
            assertThat(e.get("actor").asText()).isEqualTo("admin");
            assertThat(e.get("requestId").asText()).isEqualTo(registerRequest);
        });
        assertThat(states).anySatisfy(e -> {
            assertThat(e.get("details").get("to").asText()).isEqualTo("releasing");
            assertThat(e.get("actor").asText()).isEqualTo("admin via release");
            assertThat(e.get("processInstanceId").asText()).isNotBlank();
        });

        // the admin's API mutations, found by the request ids sent and made
        JsonNode register = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> all("requestId=" + registerRequest + "&action=api."), l -> l.size() == 1).get(0);
        assertThat(register.get("actor").asText()).isEqualTo("admin");
        assertThat(register.get("action").asText()).isEqualTo("api.POST");
        assertThat(register.get("machineId").asText()).as("the machine the request created").isEqualTo(id.toString());
        assertThat(register.get("details").get("path").asText()).isEqualTo("/api/v1/machines");
        assertThat(register.get("details").get("status").asInt()).isEqualTo(registered.getStatusCode().value());
        assertThat(all("requestId=" + prepareRequest + "&action=api.")).singleElement().satisfies(e -> {
            assertThat(e.get("details").get("status").asInt()).isEqualTo(202);
            assertThat(e.get("details").get("path").asText()).isEqualTo("/api/v1/machines/" + id + "/actions/prepare");
        });
        assertThat(all("requestId=" + generatedRequest + "&action=api.")).singleElement()
                .satisfies(e -> assertThat(e.get("machineId").asText()).isEqualTo(id.toString()));
        assertThat(ofAction(trail, "machine.register")).singleElement().satisfies(e -> {
            assertThat(e.get("details").get("bmcAddress").asText()).isEqualTo(bmc.get("registration").get("bmc")
                    .get("address").asText().replaceAll("/+$", ""));
            assertThat(e.get("requestId").asText()).isEqualTo(registerRequest);
        });

        // side effects, each under a process that also moved the machine, by the worker rather than a user
        Set<String> processes = new HashSet<>(states.stream().map(e -> e.path("processInstanceId").asText()).toList());
        for (String action : List.of("bios.stage", "ip.allocate", "dhcp.reserve", "dns.upsert", "boot.override", "power.restart",
                "ip.release", "dhcp.remove", "dns.delete", "drive.secure-erase", "power.off")) {
            List<JsonNode> effects = ofAction(trail, action);
            assertThat(effects).as(action).isNotEmpty();
            effects.forEach(e -> {
                assertThat(processes).as("%s", e).contains(e.get("processInstanceId").asText());
                assertThat(e.get("actor").asText()).as("%s", e).isNotIn("admin", "approver", "system");
            });
        }
        assertThat(ofAction(trail, "dns.upsert").stream().map(e -> e.get("details").get("type").asText()))
                .contains("A", "PTR");
        assertThat(ofAction(trail, "dhcp.remove")).as("removed by a called process, filed under the release")
                .allSatisfy(e -> assertThat(e.get("details").get("calledProcessInstanceId").asText())
                        .isNotEqualTo(e.get("processInstanceId").asText()));

        // the approval, by the approver, of the admin's request
        assertThat(ofAction(trail, "approval.approve")).singleElement().satisfies(e -> {
            assertThat(e.get("actor").asText()).isEqualTo(APPROVER);
            assertThat(e.get("details").get("requestedBy").asText()).isEqualTo("admin");
            assertThat(processes).contains(e.get("processInstanceId").asText());
        });
        assertThat(ofAction(trail, "api.POST")).anySatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo(APPROVER);
            assertThat(e.get("details").get("path").asText()).startsWith("/api/v1/approvals/");
            assertThat(e.get("details").get("status").asInt()).isEqualTo(204);
        });

        // filters: action prefix, actor, process, time range
        List<JsonNode> dns = all("machineId=" + id + "&action=dns.");
        assertThat(dns).isNotEmpty().allSatisfy(e -> assertThat(e.get("action").asText()).startsWith("dns."));
        assertThat(dns).hasSize(ofAction(trail, "dns.upsert").size() + ofAction(trail, "dns.delete").size());
        assertThat(all("machineId=" + id + "&actor=" + APPROVER)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo(APPROVER));
        assertThat(all("machineId=" + id + "&actor=admin").stream().map(e -> e.get("actor").asText()).distinct())
                .as("a user's own calls and what processes did on their behalf").contains("admin", "admin via release")
                .allSatisfy(actor -> assertThat(actor).matches("admin( via .+)?"));
        String deployProcess = ofAction(trail, "dhcp.reserve").get(0).get("processInstanceId").asText();
        assertThat(all("processInstanceId=" + deployProcess)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("processInstanceId").asText()).isEqualTo(deployProcess));
        Instant middle = Instant.parse(trail.get(trail.size() / 2).get("occurredAt").asText());
        List<JsonNode> since = all("machineId=" + id + "&from=" + middle);
        List<JsonNode> before = all("machineId=" + id + "&to=" + middle);
        since.forEach(e -> assertThat(Instant.parse(e.get("occurredAt").asText())).isAfterOrEqualTo(middle));
        before.forEach(e -> assertThat(Instant.parse(e.get("occurredAt").asText())).isBefore(middle));
        assertThat(since).isNotEmpty();
        long newest = trail.get(0).get("id").asLong();
        assertThat(since.stream().filter(e -> e.get("id").asLong() <= newest).count() + before.size())
                .as("the two sides of the cut hold the whole trail").isEqualTo(trail.size());

        // paging, newest first
        JsonNode first = page("machineId=" + id, 0, 5);
        JsonNode second = page("machineId=" + id, 1, 5);
        assertThat(first.get("total").asInt()).isGreaterThanOrEqualTo(trail.size());
        assertThat(first.get("items")).hasSize(5);
        assertThat(ids(first)).doesNotContainAnyElementsOf(ids(second));
        List<Long> newestFirst = new ArrayList<>(ids(first));
        newestFirst.addAll(ids(second));
        assertThat(newestFirst).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(ids(first).get(0)).isGreaterThanOrEqualTo(trail.get(0).get("id").asLong());
    }

    @Test
    void theTrailCannotBeChangedThroughTheApiAndBadFiltersAreNamed() {
        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
            for (String uri : List.of("/api/v1/audit", "/api/v1/audit/1")) {
                int status = api().method(method).uri(uri).contentType(MediaType.APPLICATION_JSON).body("{}")
                        .retrieve().toBodilessEntity().getStatusCode().value();
                assertThat(status).as("%s %s", method, uri).isIn(403, 404, 405);
                if (uri.equals("/api/v1/audit")) {
                    assertThat(status).as("%s %s", method, uri).isIn(403, 405);
                }
            }
        }
        String refused = "audit-refused-" + UUID.randomUUID();
        assertThat(approver().post().uri("/api/v1/machines").header("X-Request-Id", refused)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "not-for-approvers")).retrieve()
                .toBodilessEntity().getStatusCode().value()).as("approvers may not enroll").isEqualTo(403);
        JsonNode attempt = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> all("requestId=" + refused), l -> l.size() == 1).get(0);
        assertThat(attempt.get("actor").asText()).as("a refused mutation names its user").isEqualTo(APPROVER);
        assertThat(attempt.get("details").get("status").asInt()).isEqualTo(403);

        Map<String, String> bad = Map.of("machineId", "not-a-uuid", "from", "yesterday", "to", "2026-13-01T00:00:00Z",
                "page", "-1", "size", "100000");
        bad.forEach((field, value) -> {
            JsonNode problem = api().get().uri("/api/v1/audit?{f}={v}", field, value).retrieve().body(JsonNode.class);
            assertThat(problem.get("status").asInt()).as(field).isEqualTo(400);
            assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo(field);
        });
        JsonNode backwards = api().get().uri("/api/v1/audit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                .retrieve().body(JsonNode.class);
        assertThat(backwards.get("errors").get(0).get("field").asText()).isEqualTo("to");
        // not as admin: the engine delays a user's logins after a failed one, which would slow the other tests
        assertThat(api("nobody-audit", "wrong").get().uri("/api/v1/audit").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void theLabBmcPasswordAppearsInNoAuditEntry() {
        JsonNode bmc = labBmc(ENROLL_ONLY);
        String password = bmc.get("registration").get("bmc").get("password").asText();
        assertThat(password).isNotBlank();
        UUID id = UUID.fromString(api().post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON)
                .body(bmc.get("registration")).retrieve().body(JsonNode.class).get("id").asText());
        awaitState(id, "manageable");
        // a bad registration echoes nothing of its body either
        api().post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "audit-bad", "bmc", Map.of("address", "ftp://x", "username", "u",
                        "password", password))).retrieve().toBodilessEntity();

        assertThat(ofAction(all("machineId=" + id), "machine.register")).singleElement()
                .satisfies(e -> assertThat(e.get("details").has("bmcAddress")).isTrue());
        List<String> rows = jdbc.sql("select * from audit_event").query((rs, n) -> {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                row.append(rs.getString(c)).append('|');
            }
            return row.toString();
        }).list();
        assertThat(rows).isNotEmpty().noneMatch(row -> row.contains(password)).noneMatch(row -> row.contains(ADMIN_PASSWORD));
        assertThat(rows).noneMatch(row -> row.contains("/boot/callbacks/") && !row.contains("/boot/callbacks/{token}"));
    }

    @Test
    void onPostgresqlTheDatabaseRefusesToChangeOrDeleteEntries() {
        Assumptions.assumeTrue(TestDatabase.isPostgres(), "the append-only trigger exists on PostgreSQL only");
        api().post().uri("/api/v1/machines/{id}/actions/prepare", UUID.randomUUID()).retrieve().toBodilessEntity();
        long id = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select max(id) from audit_event")
                .query(Long.class).optional().orElse(null), v -> v != null);
        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'mallory' where id = :id").param("id", id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where id = :id").param("id", id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate table audit_event").update()).rootCause()
                .hasMessageContaining("append-only");
        assertThat(jdbc.sql("select actor from audit_event where id = :id").param("id", id).query(String.class).single())
                .isNotEqualTo("mallory");
    }

    private JsonNode labBmc(int index) {
        return api().get().uri("/api/v1/lab/bmcs?page={p}&size=1", index).retrieve().body(JsonNode.class)
                .get("items").get(0);
    }

    /** Every entry matching the query, newest first. */
    private List<JsonNode> all(String query) {
        List<JsonNode> entries = new ArrayList<>();
        for (int p = 0; ; p++) {
            JsonNode page = page(query, p, 100);
            page.get("items").forEach(entries::add);
            if (entries.size() >= page.get("total").asInt() || page.get("items").isEmpty()) {
                return entries;
            }
        }
    }

    private JsonNode page(String query, int page, int size) {
        JsonNode body = api().get().uri("/api/v1/audit?" + query + "&page=" + page + "&size=" + size).retrieve()
                .body(JsonNode.class);
        assertThat(body.has("items")).as("%s", body).isTrue();
        return body;
    }

    private static List<JsonNode> ofAction(List<JsonNode> entries, String action) {
        return entries.stream().filter(e -> e.get("action").asText().equals(action)).toList();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(e -> ids.add(e.get("id").asLong()));
        return ids;
    }

    private void awaitState(UUID id, String state) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(machine(id).get("state").asText()).as("%s", machine(id)).isEqualTo(state));
    }

    private JsonNode machine(UUID id) {
        return api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
    }
}
