package org.metalflow.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real clock and restarts: what a platform restart does to the lab. */
class LabServerLifecycleTest {

    @TempDir
    Path dataDir;

    @Test
    void restartKeepsFingerprintAndFleet() {
        LabProperties properties = LabProperties.defaults().withPort(0).withSize(5);
        String fingerprint;
        String uuid;
        try (LabRedfishServer first = start(properties)) {
            fingerprint = first.tls().certificateSha256();
            uuid = systemOf(first, 4).path("UUID").asText();
        }
        try (LabRedfishServer second = start(properties)) {
            assertThat(second.tls().certificateSha256()).isEqualTo(fingerprint);
            assertThat(systemOf(second, 4).path("UUID").asText()).isEqualTo(uuid).isEqualTo(second.fleet().bmc(4).spec().uuid());
        }
    }

    private LabRedfishServer start(LabProperties properties) {
        LabRedfishServer server = new LabRedfishServer(new LabFleet(properties), LabTls.loadOrCreate(dataDir.resolve("lab")),
                LabHttp.JSON);
        server.start();
        return server;
    }

    private static JsonNode systemOf(LabRedfishServer server, int index) {
        SimulatedBmc bmc = server.fleet().bmc(index);
        String path = "/redfish/v1/Systems/" + bmc.vendor().personality().systemId(bmc.spec());
        LabHttp http = new LabHttp(server.tls());
        try {
            return http.get(server.baseUrl(bmc), path, auth(bmc)).body();
        } finally {
            http.close();
        }
    }

    @Test
    void powerChangesAfterTheDelayOnTheRealClock() throws Exception {
        LabProperties properties = LabProperties.defaults().withPort(0).withSize(3).withVendorMix("generic:1")
                .withPowerTransitionDelay(Duration.ofMillis(200));
        try (LabRedfishServer server = start(properties)) {
            LabHttp http = new LabHttp(server.tls());
            SimulatedBmc bmc = server.fleet().bmc(0);
            String system = "/redfish/v1/Systems/" + bmc.spec().serialNumber();
            String was = bmc.powerState();
            String type = was.equals("On") ? "ForceOff" : "On";
            String target = was.equals("On") ? "Off" : "On";

            assertThat(http.send("POST", server.baseUrl(bmc), system + "/Actions/ComputerSystem.Reset",
                    "{\"ResetType\":\"" + type + "\"}", auth(bmc)).status()).isEqualTo(204);

            Instant deadline = Instant.now().plusSeconds(10);
            String state = http.get(server.baseUrl(bmc), system, auth(bmc)).body().path("PowerState").asText();
            while (!state.equals(target) && Instant.now().isBefore(deadline)) {
                assertThat(state).isIn("PoweringOn", "PoweringOff");
                Thread.sleep(50);
                state = http.get(server.baseUrl(bmc), system, auth(bmc)).body().path("PowerState").asText();
            }
            assertThat(state).isEqualTo(target);
            http.close();
        }
    }

    private static Map<String, String> auth(SimulatedBmc bmc) {
        return Map.of("Authorization", Credentials.basic(bmc.spec().username(), bmc.spec().password()));
    }
}
