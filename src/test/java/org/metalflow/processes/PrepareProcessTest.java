package org.metalflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.connectors.redfish.BmcEndpoint;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.TlsTrust;
import org.metalflow.connectors.redfish.Volume;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The prepare process on the lab: a manageable machine is brought to its hardware profile (BIOS staged and
 * applied by a reboot, RAID volumes built through BMC tasks), verified, and marked available. A profile the
 * BMC refuses ends in prepare-failed with the BMC's reason.
 */
class PrepareProcessTest extends IntegrationTest {

    /** Lab BMCs 26-31 belong to this test (the others to the other tests of the shared platform). */
    private static final int FIRST = 26;
    private static final int LAST = 31;

    @Autowired
    private RedfishConnector redfish;

    @Test
    void aDellMachineReachesAvailableWithTheBiosAndVolumesOfItsProfile() {
        JsonNode bmc = labBmc("dell", 0);
        UUID id = enrollAndPrepare(bmc);

        JsonNode machine = awaitState(id, "available");
        assertThat(machine.get("profileName").asText()).isEqualTo("lab-dell-poweredge");
        JsonNode profile = api().get().uri("/api/v1/profiles/lab-dell-poweredge").retrieve().body(JsonNode.class);
        JsonNode truth = labView(bmc.get("id").asText()).get("expected");
        profile.get("bios").fields().forEachRemaining(e ->
                assertThat(truth.get("biosAttributes").get(e.getKey()).asText()).as(e.getKey())
                        .isEqualTo(e.getValue().asText()));
        assertThat(truth.get("pendingBiosAttributes")).isEmpty();

        List<Volume> volumes = redfish.volumes(endpoint(bmc), machine.get("bmc").get("systemUri").asText());
        assertThat(volumes).hasSize(1);
        assertThat(volumes.get(0).name()).isEqualTo("os");
        assertThat(volumes.get(0).raidType()).isEqualTo("RAID1");
        assertThat(volumes.get(0).driveUris()).hasSize(2);

        List<String> path = new ArrayList<>();
        api().get().uri("/api/v1/machines/{id}/history", id).retrieve().body(JsonNode.class).get("items")
                .forEach(t -> path.add(t.get("to").asText()));
        assertThat(path).endsWith("manageable", "preparing", "available");
    }

    @Test
    void aProfileTheBmcRefusesEndsInPrepareFailedWithTheReason() {
        JsonNode bmc = labBmc("hpe", 0);
        String model = labView(bmc.get("id").asText()).get("expected").get("model").asText();
        String profile = """
                {"name":"refused-by-bmc","priority":100,"match":{"manufacturer":"HPE","model":"%s"},
                 "bios":{"WorkloadProfile":"NoSuchProfile"}}""".formatted(model);
        assertThat(api().put().uri("/api/v1/profiles/refused-by-bmc").contentType(MediaType.APPLICATION_JSON)
                .body(profile).retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.CREATED);
        try {
            UUID id = enrollAndPrepare(bmc);

            JsonNode machine = awaitState(id, "prepare-failed");
            assertThat(machine.get("lastError").asText()).contains("WorkloadProfile").contains("NoSuchProfile");
            assertThat(labView(bmc.get("id").asText()).get("expected").get("pendingBiosAttributes")).isEmpty();
        } finally {
            api().delete().uri("/api/v1/profiles/refused-by-bmc").retrieve().toBodilessEntity();
        }
    }

    @Test
    void profilesAreValidatedAndNamedConsistently() {
        JsonNode bad = api().put().uri("/api/v1/profiles/bad").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"bad\",\"raid\":[{\"name\":\"os\",\"raidType\":\"RAID7\",\"drives\":0}],"
                        + "\"firmware\":[{\"component\":\"BIOS\",\"version\":\"1\",\"imageUri\":\"not a url\"}]}")
                .retrieve().body(JsonNode.class);
        assertThat(bad.get("status").asInt()).isEqualTo(400);
        assertThat(bad.get("errors").findValuesAsText("field"))
                .contains("raid[0].raidType", "raid[0].drives", "firmware[0].imageUri");

        JsonNode mismatch = api().put().uri("/api/v1/profiles/one").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"two\"}").retrieve().body(JsonNode.class);
        assertThat(mismatch.get("errors").get(0).get("field").asText()).isEqualTo("name");
        assertThat(api().get().uri("/api/v1/profiles/two").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private UUID enrollAndPrepare(JsonNode bmc) {
        JsonNode created = api().post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON)
                .body(bmc.get("registration")).retrieve().body(JsonNode.class);
        UUID id = UUID.fromString(created.get("id").asText());
        awaitState(id, "manageable");
        assertThat(api().post().uri("/api/v1/machines/{id}/actions/prepare", id).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return id;
    }

    private JsonNode labBmc(String vendor, int nth) {
        int seen = 0;
        for (int i = FIRST; i <= LAST; i++) {
            JsonNode bmc = api().get().uri("/api/v1/lab/bmcs?page={p}&size=1", i).retrieve().body(JsonNode.class)
                    .get("items").get(0);
            if (vendor.equals(bmc.get("vendor").asText()) && seen++ == nth) {
                return bmc;
            }
        }
        throw new AssertionError("no " + vendor + " BMC among lab BMCs " + FIRST + "-" + LAST);
    }

    private JsonNode labView(String bmcId) {
        return api().get().uri("/api/v1/lab/bmcs/{id}", bmcId).retrieve().body(JsonNode.class);
    }

    private BmcEndpoint endpoint(JsonNode bmc) {
        return new BmcEndpoint(URI.create(bmc.get("address").asText()), bmc.get("username").asText(),
                bmc.get("password").asText(), TlsTrust.pinned(bmc.get("tls").get("certificateSha256").asText()));
    }

    private JsonNode awaitState(UUID id, String state) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(machine(id).get("state").asText()).as("%s", machine(id)).isEqualTo(state));
        return machine(id);
    }

    private JsonNode machine(UUID id) {
        return api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
    }

}
