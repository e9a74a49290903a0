package org.metalflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.metalflow.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

/**
 * After a machine went through its whole lifecycle (enrolled, inspected, prepared, deployed, released with an
 * approval) and another one failed on a wrong password, no secret used on the way appears anywhere: not in any
 * column of any table (engine runtime and history included), not in the log, not in an API response. The secrets:
 * both BMC passwords and the passwords of the users who requested and approved.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsDoNotLeakTest extends IntegrationTest {

    /** Lab BMCs this test owns (the other tests of the shared platform use other indexes). */
    private static final int GOOD_BMC = 24;
    private static final int BAD_BMC = 25;

    @Autowired
    private DataSource dataSource;

    @Test
    void bmcPasswordsAreNowhereAfterALifecycle(CapturedOutput output) throws Exception {
        JsonNode bmc = labBmc(GOOD_BMC);
        String password = bmc.get("password").asText();
        JsonNode other = labBmc(BAD_BMC);
        String wrongPassword = "Wr0ng-" + UUID.randomUUID();
        UUID good = register(bmc.get("registration").toString());
        UUID bad = register(other.get("registration").toString().replace(other.get("password").asText(),
                wrongPassword));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> state(good).equals("manageable"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> state(bad).equals("enroll-failed"));
        lifecycle(good);
        assertThat(processesOf(good)).as("enroll, inspect, prepare, deploy, release and their sub-processes")
                .hasSizeGreaterThanOrEqualTo(5);
        List<String> responses = List.of(machine(good).toString(), machine(bad).toString(),
                api().get().uri("/api/v1/machines?size=500").retrieve().body(String.class),
                api().get().uri("/engine-rest/history/variable-instance").retrieve().body(String.class),
                api().get().uri("/engine-rest/history/external-task-log").retrieve().body(String.class),
                api().get().uri("/engine-rest/history/variable-instance?processInstanceIdIn={p}&deserializeValues=false",
                        String.join(",", processesOf(good))).retrieve().body(String.class),
                api().get().uri("/engine-rest/history/detail?maxResults=5000").retrieve().body(String.class),
                api().get().uri("/engine-rest/history/incident").retrieve().body(String.class),
                api().get().uri("/api/v1/machines/{id}/history?size=200", good).retrieve().body(String.class));

        for (String secret : List.of(password, wrongPassword, ADMIN_PASSWORD, APPROVER_PASSWORD)) {
            assertThat(cellsContaining(secret)).as("database cells holding a BMC password").isEmpty();
            assertThat(output.getAll()).as("log output").doesNotContain(secret);
            assertThat(responses).noneSatisfy(r -> assertThat(r).contains(secret));
        }
    }

    /** Prepares, deploys and releases (approved by another user) a manageable machine, back to available. */
    private void lifecycle(UUID id) {
        api().post().uri("/api/v1/machines/{id}/actions/prepare", id).retrieve().toBodilessEntity();
        Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> state(id).equals("available"));
        api().post().uri("/api/v1/machines/{id}/actions/deploy", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"hostname\":\"secrets-24\"}").retrieve().toBodilessEntity();
        Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> state(id).equals("active"));
        api().post().uri("/api/v1/machines/{id}/actions/release", id).retrieve().toBodilessEntity();
        approveAsApprover(id);
        Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> state(id).equals("available"));
    }

    private List<String> processesOf(UUID id) {
        return api().get().uri("/engine-rest/history/process-instance?processInstanceBusinessKey={id}", id).retrieve()
                .body(JsonNode.class).findValuesAsText("id");
    }

    private JsonNode labBmc(int index) {
        return api().get().uri("/api/v1/lab/bmcs?page={p}&size=1", index).retrieve().body(JsonNode.class)
                .get("items").get(0);
    }

    private UUID register(String body) {
        JsonNode created = api().post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(JsonNode.class);
        return UUID.fromString(created.get("id").asText());
    }

    private JsonNode machine(UUID id) {
        return api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
    }

    private String state(UUID id) {
        return machine(id).get("state").asText();
    }

    /** Scans every text and binary column of every table in the database for the secret. */
    private List<String> cellsContaining(String secret) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema == null || !schema.equalsIgnoreCase("INFORMATION_SCHEMA")
                            && !schema.equalsIgnoreCase("pg_catalog")) {
                        tables.add((schema == null ? "" : "\"" + schema + "\".") + "\"" + rs.getString("TABLE_NAME")
                                + "\"");
                    }
                }
            }
            assertThat(tables).as("tables scanned").hasSizeGreaterThan(40);
            for (String table : tables) {
                try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(
                        "select * from " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int c = 1; c <= columns; c++) {
                            Object value = rows.getObject(c);
                            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
                                    : value instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length())
                                    : value instanceof java.sql.Blob blob
                                            ? new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.ISO_8859_1)
                                    : String.valueOf(value);
                            if (text.contains(secret)) {
                                hits.add(table + "." + rows.getMetaData().getColumnName(c));
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }
}
