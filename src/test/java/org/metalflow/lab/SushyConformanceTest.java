package org.metalflow.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenStack's sushy, an independent Redfish client, drives a lab BMC of each vendor: it logs in with a
 * session, reads the system, powers it on or off, sets a one-time PXE boot and reads the BIOS. Needs
 * {@code /usr/bin/python3} with sushy (Debian {@code python3-sushy}); without them the test is skipped,
 * but fails when {@code CI=true}. The first BMC listens on 127.0.0.1, which the lab certificate names, so
 * sushy verifies the certificate against it as its CA bundle.
 */
class SushyConformanceTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/sushy_conformance.py").toAbsolutePath();
    private static final Duration POWER = Duration.ofMillis(300);

    @TempDir
    Path dir;

    @BeforeAll
    static void sushyIsInstalled() throws Exception {
        boolean available = Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import sushy"),
                Files.createTempDirectory("sushy-check"), 30).exitCode() == 0;
        if (!available && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but /usr/bin/python3 with sushy is missing (apt-get install python3-sushy)");
        }
        Assumptions.assumeTrue(available, "/usr/bin/python3 with sushy is not installed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dell", "hpe", "generic"})
    void sushyDrivesALabBmc(String vendor) throws Exception {
        LabProperties properties = LabProperties.defaults().withPort(0).withSize(2).withVendorMix(vendor + ":1")
                .withFirstAddress("127.0.0.1").withPowerTransitionDelay(POWER);
        LabFleet fleet = new LabFleet(properties);
        try (LabRedfishServer server = new LabRedfishServer(fleet, LabTls.loadOrCreate(dir.resolve("lab")), LabHttp.JSON)) {
            server.start();
            SimulatedBmc bmc = fleet.bmc(0);
            MachineSpec spec = bmc.spec();
            Path ca = dir.resolve("lab-ca.pem");
            Files.writeString(ca, server.tls().certificatePem(), StandardCharsets.US_ASCII);
            String powerBefore = bmc.powerState();

            Outcome outcome = run(List.of(PYTHON.toString(), SCRIPT.toString(), server.baseUrl(bmc), spec.username(),
                    spec.password(), ca.toString(), "15"), dir, 90);

            assertThat(outcome.exitCode()).as("sushy script failed: %s", outcome.stderr()).isZero();
            JsonNode seen = LabHttp.JSON.readTree(outcome.stdout());
            assertThat(seen.path("session_count").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(seen.path("system_id").asText()).isEqualTo(Vendor.fromKey(vendor).personality().systemId(spec));
            assertThat(seen.path("power_before").asText()).isEqualTo(powerBefore);
            assertThat(seen.path("power_after").asText()).isNotEqualTo(powerBefore).isEqualTo(bmc.powerState());
            assertThat(seen.path("boot_target").asText()).isEqualTo("Pxe");
            assertThat(seen.path("boot_enabled").asText()).isEqualTo("Once");
            assertThat(bmc.bootOverride().target()).isEqualTo("Pxe");
            assertThat(bmc.bootOverride().enabled()).isEqualTo("Once");
            assertThat(seen.path("bios_attributes")).isEqualTo(LabHttp.JSON.valueToTree(bmc.biosAttributes()));
            // iLO's settings object lists every attribute; nothing differs from the current values
            seen.path("bios_pending").fields().forEachRemaining(pending ->
                    assertThat(pending.getValue()).as(pending.getKey()).isEqualTo(seen.path("bios_attributes").path(pending.getKey())));
        }
    }

    private record Outcome(int exitCode, String stdout, String stderr) {
    }

    /** Runs a process with a deadline; it is stopped by its PID whatever happens. */
    private static Outcome run(List<String> command, Path dir, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        // requests lets these override a session's own CA bundle, which is how sushy passes "verify"
        builder.environment().remove("REQUESTS_CA_BUNDLE");
        builder.environment().remove("CURL_CA_BUNDLE");
        Process process = builder.start();
        long pid = process.pid();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                fail("%s did not finish within %d s", command, timeoutSeconds);
            }
            return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
