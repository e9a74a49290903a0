package org.metalflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.LabMachines;
import org.springframework.beans.factory.annotation.Autowired;

/** Every lab BMC this test owns, registered at once, ends manageable with no incident and no stuck machine. */
class FleetEnrollmentTest extends IntegrationTest {

    /** Lab BMCs 8-23 are this test's; the others belong to the other tests of the shared platform. */
    private static final int FIRST = 8;
    private static final int LAST = 23;

    @Autowired
    private RuntimeService runtime;

    @Test
    void registeringManyBmcsAtOnceBringsEveryOneToManageable() {
        LabMachines lab = new LabMachines(api());
        List<CompletableFuture<UUID>> registrations = new ArrayList<>();
        for (int i = FIRST; i <= LAST; i++) {
            JsonNode body = lab.registration(i);
            registrations.add(CompletableFuture.supplyAsync(() -> lab.registerOk(body)));
        }
        List<UUID> ids = registrations.stream().map(CompletableFuture::join).toList();

        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(ids).allSatisfy(id ->
                        assertThat(lab.machine(id).get("state").asText()).as("%s", id).isEqualTo("manageable")));

        for (UUID id : ids) {
            JsonNode machine = lab.machine(id);
            assertThat(machine.get("hardware").get("nics").size()).isPositive();
            assertThat(machine.get("hardware").get("cpuCount").asInt()).isPositive();
            assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id.toString()).count())
                    .as("no process (and so no incident) left for %s", id).isZero();
        }
    }
}
