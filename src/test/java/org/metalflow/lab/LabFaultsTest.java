package org.metalflow.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.lab.LabHttp.Reply;

/** Faults injected through the lab API, on real time; and what each BMC observed. */
class LabFaultsTest {

    @TempDir
    static Path dataDir;

    private static LabFleet fleet;
    private static LabRedfishServer server;
    private static LabController controller;
    private static LabHttp http;

    @BeforeAll
    static void start() {
        fleet = new LabFleet(LabProperties.defaults().withPort(0).withSize(12).withSessionLimit(4));
        server = new LabRedfishServer(fleet, LabTls.loadOrCreate(dataDir.resolve("lab")), LabHttp.JSON);
        server.start();
        controller = new LabController(fleet, server);
        http = new LabHttp(server.tls());
    }

    @AfterAll
    static void stop() {
        http.close();
        server.stop();
    }

    private static Reply get(SimulatedBmc bmc, String path) {
        MachineSpec spec = bmc.spec();
        return http.get(server.baseUrl(bmc), path, Map.of("Authorization", Credentials.basic(spec.username(), spec.password())));
    }

    private static LabFaultsRequest faults(Long latencyMs, Double errorRate, Integer errorStatus, Double dropRate,
                                           Boolean sessionExhaustion, Long downForSeconds) {
        return new LabFaultsRequest(latencyMs, errorRate, errorStatus, dropRate, sessionExhaustion, downForSeconds);
    }

    @Test
    void latencyDelaysEveryAnswer() {
        SimulatedBmc bmc = fleet.bmc(0);
        controller.setFaults(bmc.id(), faults(300L, null, null, null, null, null));

        long start = System.nanoTime();
        assertThat(get(bmc, "/redfish/v1/Systems").status()).isEqualTo(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);

        assertThat(LabHttp.JSON.valueToTree(controller.faults(bmc.id())).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("latencyMs", "errorRate", "errorStatus", "dropConnectionRate", "sessionExhaustion",
                        "downUntil");
        controller.clearFaults(bmc.id());
        assertThat(controller.faults(bmc.id()).isNone()).isTrue();
    }

    @Test
    void errorRateFailsAboutThatShareOfRequests() {
        SimulatedBmc bmc = fleet.bmc(1);
        controller.setFaults(bmc.id(), faults(null, 0.3, 500, null, null, null));
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            Reply reply = get(bmc, "/redfish/v1");
            if (reply.status() == 500) {
                failed++;
            } else {
                assertThat(reply.status()).isEqualTo(200);
            }
        }
        assertThat(failed / 200.0).isBetween(0.15, 0.45);
        controller.clearFaults(bmc.id());
        assertThat(get(bmc, "/redfish/v1").status()).isEqualTo(200);
    }

    @Test
    void aDownBmcClosesConnectionsUntilItsTimeHasPassed() throws InterruptedException {
        SimulatedBmc bmc = fleet.bmc(2);
        controller.setFaults(bmc.id(), faults(null, null, null, null, null, 1L));
        assertThat(controller.faults(bmc.id()).downUntil()).isNotNull();

        assertThatThrownBy(() -> get(bmc, "/redfish/v1")).isInstanceOf(UncheckedIOException.class);

        long deadline = System.currentTimeMillis() + 5_000;
        Integer status = null;
        while (status == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            try {
                status = get(bmc, "/redfish/v1").status();
            } catch (UncheckedIOException e) {
                // still down
            }
        }
        assertThat(status).isEqualTo(200);
        assertThat(controller.faults(bmc.id()).isNone()).isTrue();
    }

    @Test
    void droppedConnectionsAndSessionExhaustion() {
        SimulatedBmc bmc = fleet.bmc(3);
        controller.setFaults(bmc.id(), faults(null, null, null, 1.0, null, null));
        assertThatThrownBy(() -> get(bmc, "/redfish/v1")).isInstanceOf(UncheckedIOException.class);

        controller.setFaults(bmc.id(), faults(null, null, null, null, true, null));
        MachineSpec spec = bmc.spec();
        String login = "{\"UserName\":\"" + spec.username() + "\",\"Password\":\"" + spec.password() + "\"}";
        Reply refused = http.send("POST", server.baseUrl(bmc), "/redfish/v1/SessionService/Sessions", login, Map.of());
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().path("error").path("code").asText()).endsWith("SessionLimitExceeded");

        controller.clearFaults(bmc.id());
        assertThat(http.send("POST", server.baseUrl(bmc), "/redfish/v1/SessionService/Sessions", login, Map.of()).status())
                .isEqualTo(201);
    }

    @Test
    void eachBmcCountsItsMostConcurrentRequestsAndSessions() throws Exception {
        SimulatedBmc bmc = fleet.bmc(4);
        controller.setFaults(bmc.id(), faults(400L, null, null, null, null, null));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                replies.add(pool.submit(() -> get(bmc, "/redfish/v1/Systems")));
            }
            for (Future<Reply> reply : replies) {
                assertThat(reply.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        controller.clearFaults(bmc.id());
        MachineSpec spec = bmc.spec();
        String login = "{\"UserName\":\"" + spec.username() + "\",\"Password\":\"" + spec.password() + "\"}";
        for (int i = 0; i < 3; i++) {
            http.send("POST", server.baseUrl(bmc), "/redfish/v1/SessionService/Sessions", login, Map.of());
        }

        LabBmcView.Observed observed = controller.one(bmc.id()).observed();
        assertThat(observed.maxConcurrentRequests()).isBetween(2, 4);
        assertThat(observed.maxSessions()).isEqualTo(3);
        assertThat(observed.requests()).isEqualTo(7);
        assertThat(LabHttp.JSON.valueToTree(controller.one(bmc.id())).path("observed").path("maxSessions").asInt()).isEqualTo(3);

        controller.resetObserved();
        assertThat(bmc.observed().requests()).isZero();
        assertThat(bmc.observed().maxConcurrentRequests()).isZero();
    }

    @Test
    void oneFaultSetReachesManyBmcs() {
        LabController.LabFaultsApplied applied = controller.setFaults(
                new LabFaultsBatch(List.of("lab-0006", "lab-0007"), faults(50L, 0.5, 503, null, null, null)));
        assertThat(applied.bmcs()).isEqualTo(2);
        assertThat(fleet.bmc(5).faults().errorRate()).isEqualTo(0.5);
        assertThat(fleet.bmc(6).faults().latencyMs()).isEqualTo(50);
        assertThat(fleet.bmc(7).faults().isNone()).isTrue();

        assertThat(controller.setFaults(new LabFaultsBatch(null, faults(10L, null, null, null, null, null))).bmcs())
                .isEqualTo(fleet.size());
        assertThat(fleet.bmc(11).faults().latencyMs()).isEqualTo(10);
        assertThat(controller.clearAllFaults().bmcs()).isEqualTo(fleet.size());
        assertThat(fleet.bmcs()).allMatch(b -> b.faults().isNone());
    }

    @Test
    void faultValuesOutOfRangeAreRefusedWithTheFieldNamed() {
        String id = fleet.bmc(8).id();
        assertThatThrownBy(() -> controller.setFaults(id, faults(null, 1.5, null, null, null, null)))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("errorRate");
        assertThatThrownBy(() -> controller.setFaults(id, faults(null, null, null, -0.1, null, null)))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("dropConnectionRate");
        assertThatThrownBy(() -> controller.setFaults(id, faults(null, 0.1, 302, null, null, null)))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("errorStatus");
        assertThatThrownBy(() -> controller.setFaults(id, faults(-5L, null, null, null, null, null)))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("latencyMs");
        assertThatThrownBy(() -> controller.setFaults(id, faults(null, null, null, null, null, -1L)))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("downForSeconds");
        assertThatThrownBy(() -> controller.setFaults(new LabFaultsBatch(List.of("lab-9999"), faults(1L, null, null, null, null, null))))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("bmcIds");
        assertThat(fleet.bmc(8).faults().isNone()).isTrue();
    }
}
