package org.metalflow.connectors.dns.powerdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalflow.connectors.dns.Dig;
import org.metalflow.connectors.dns.DnsConflictException;
import org.metalflow.connectors.dns.DnsException;
import org.metalflow.connectors.dns.DnsRecord;
import org.metalflow.connectors.dns.ReverseNames;
import org.metalflow.connectors.testsupport.RealServer;

/** Against a real PowerDNS Authoritative 4.7 (gsqlite3) started by pdns-up.sh; every answer checked with the real dig. */
class PowerDnsProviderTest {

    private static final String ZONE = "lab.example.";
    private static final String REVERSE_ZONE = "77.10.in-addr.arpa.";

    @TempDir
    static Path dir;

    private static RealServer pdns;
    private static Dig dig;
    private static PowerDnsSettings settings;
    private static PowerDnsProvider provider;

    @BeforeAll
    static void startPowerDns() {
        pdns = RealServer.start("pdns-up.sh", dir);
        dig = new Dig(pdns.get("DNS_PORT"));
        settings = PowerDnsSettings.of(pdns.get("API_URL"), pdns.get("API_KEY")).withTimeout(Duration.ofSeconds(5));
        provider = new PowerDnsProvider(settings);
    }

    @AfterAll
    static void stopPowerDns() {
        if (provider != null) {
            provider.close();
        }
        if (pdns != null) {
            pdns.close();
        }
    }

    @Test
    void upsertedARecordAndPtrAreAnsweredByTheServer() {
        provider.upsert(a("node1", "10.77.0.5"), false);
        provider.upsert(ReverseNames.ptr(REVERSE_ZONE, "10.77.0.5", "node1.lab.example", 300), false);

        assertThat(dig.answer("node1.lab.example", "A")).containsExactly("10.77.0.5");
        assertThat(dig.reverse("10.77.0.5")).containsExactly("node1.lab.example.");
        assertThat(provider.lookup("node1.lab.example.", DnsRecord.Type.A)).containsExactly("10.77.0.5");
        assertThat(provider.lookup("5.0.77.10.in-addr.arpa", DnsRecord.Type.PTR)).containsExactly("node1.lab.example.");
    }

    @Test
    void repeatingAnIdenticalUpsertSendsNoPatch() {
        provider.upsert(a("node2", "10.77.0.6"), false);
        long serial = dig.serial("lab.example");

        provider.upsert(a("node2", "10.77.0.6"), false);
        provider.upsert(a("NODE2", "10.77.0.6"), true);

        // PowerDNS raises the serial on every PATCH (SOA-EDIT-API DEFAULT), even one that changes nothing.
        assertThat(dig.serial("lab.example")).as("SOA serial after identical upserts").isEqualTo(serial);
        assertThat(dig.answer("node2.lab.example", "A")).containsExactly("10.77.0.6");
    }

    @Test
    void anotherExistingValueIsAConflictUnlessOverwriteIsAsked() {
        provider.upsert(a("node3", "10.77.0.7"), false);

        DnsConflictException conflict = catchThrowableOfType(() -> provider.upsert(a("node3", "10.77.0.8"), false),
                DnsConflictException.class);

        assertThat(conflict.transientFailure()).isFalse();
        assertThat(conflict.existing()).containsExactly("10.77.0.7");
        assertThat(conflict.getMessage()).contains("node3.lab.example.", "10.77.0.7", "10.77.0.8");
        assertThat(dig.answer("node3.lab.example", "A")).containsExactly("10.77.0.7");

        provider.upsert(a("node3", "10.77.0.8"), true);

        assertThat(dig.answer("node3.lab.example", "A")).containsExactly("10.77.0.8");
    }

    @Test
    void deleteRemovesTheValueAndIsANoOpOnceGone() {
        provider.upsert(a("node4", "10.77.0.9"), false);
        provider.upsert(ReverseNames.ptr(REVERSE_ZONE, "10.77.0.9", "node4.lab.example.", 300), false);

        provider.delete(a("node4", "10.77.0.9"));
        provider.delete(ReverseNames.ptr(REVERSE_ZONE, "10.77.0.9", "node4.lab.example.", 300));

        assertThat(dig.answer("node4.lab.example", "A")).isEmpty();
        assertThat(dig.reverse("10.77.0.9")).isEmpty();
        long serial = dig.serial("lab.example");
        provider.delete(a("node4", "10.77.0.9"));
        assertThat(dig.serial("lab.example")).as("SOA serial after deleting again").isEqualTo(serial);
    }

    @Test
    void deletingAValueTheNameDoesNotCarryLeavesTheRecord() {
        provider.upsert(a("node5", "10.77.0.10"), false);
        long serial = dig.serial("lab.example");

        provider.delete(a("node5", "10.77.0.99"));

        assertThat(dig.answer("node5.lab.example", "A")).containsExactly("10.77.0.10");
        assertThat(dig.serial("lab.example")).isEqualTo(serial);
    }

    @Test
    void deletingOneOfSeveralValuesKeepsTheOthers() {
        provider.upsert(a("multi", "10.77.0.20"), false);
        new PowerDnsApi(settings).replace(ZONE, "multi.lab.example.", "A", 600, List.of(
                new RrSet.Entry("10.77.0.20", false), new RrSet.Entry("10.77.0.21", false)), "test setup");
        assertThat(dig.answer("multi.lab.example", "A")).containsExactly("10.77.0.20", "10.77.0.21");

        provider.delete(a("multi", "10.77.0.20"));

        assertThat(dig.answer("multi.lab.example", "A")).containsExactly("10.77.0.21");
    }

    @Test
    void aWrongApiKeyIsRefusedAndWritesNothing() {
        String wrongKey = "not-the-key-0123456789";
        try (PowerDnsProvider impostor = new PowerDnsProvider(PowerDnsSettings.of(pdns.get("API_URL"), wrongKey))) {
            DnsException refused = catchThrowableOfType(() -> impostor.upsert(a("intruder", "10.77.0.66"), false),
                    DnsException.class);

            assertThat(refused.transientFailure()).isFalse();
            assertThat(refused.getMessage()).contains("401", pdns.get("API_URL"))
                    .doesNotContain(wrongKey).doesNotContain(settings.apiKey());
            assertThat(impostor.toString()).doesNotContain(wrongKey);
        }
        assertThat(dig.answer("intruder.lab.example", "A")).isEmpty();
    }

    @Test
    void anUnknownZoneIsNotTransientAndSaysSo() {
        DnsException missing = catchThrowableOfType(() -> provider.upsert(
                new DnsRecord("nowhere.example.", "x.nowhere.example.", DnsRecord.Type.A, "10.77.0.1", 300), false),
                DnsException.class);

        assertThat(missing.transientFailure()).isFalse();
        assertThat(missing.getMessage()).contains("zone nowhere.example. does not exist on PowerDNS " + pdns.get("API_URL"));
    }

    @Test
    void aWriteThePowerDnsApiRejectsCarriesItsErrorText() {
        new PowerDnsApi(settings).replace(ZONE, "alias.lab.example.", "CNAME", 300,
                List.of(new RrSet.Entry("node1.lab.example.", false)), "test setup");

        DnsException rejected = catchThrowableOfType(() -> provider.upsert(a("alias", "10.77.0.1"), false),
                DnsException.class);

        assertThat(rejected.transientFailure()).isFalse();
        assertThat(rejected.getMessage()).contains("HTTP 422", "alias.lab.example.", "Conflicts with pre-existing RRset");
        assertThat(dig.answer("alias.lab.example", "CNAME")).containsExactly("node1.lab.example.");
    }

    @Test
    void aHungOrStoppedServerIsATransientFailure(@TempDir Path secondDir) throws Exception {
        RealServer second = RealServer.start("pdns-up.sh", secondDir);
        try (PowerDnsProvider toStop = new PowerDnsProvider(PowerDnsSettings.of(second.get("API_URL"), second.get("API_KEY"))
                .withTimeout(Duration.ofSeconds(2)))) {
            toStop.upsert(a("before-stop", "10.77.0.30"), false);
            assertThat(new Dig(second.get("DNS_PORT")).answer("before-stop.lab.example", "A")).containsExactly("10.77.0.30");

            String pid = Files.readString(secondDir.resolve("pdns.pid")).strip();
            RealServer.run(List.of("kill", "-STOP", pid), 10);
            try {
                DnsException hung = catchThrowableOfType(() -> toStop.upsert(a("while-hung", "10.77.0.32"), false),
                        DnsException.class);
                assertThat(hung.transientFailure()).isTrue();
                assertThat(hung.getMessage()).contains("did not answer", "timeout 2000 ms");
            } finally {
                RealServer.run(List.of("kill", "-CONT", pid), 10);
            }

            second.close();

            DnsException unreachable = catchThrowableOfType(() -> toStop.upsert(a("after-stop", "10.77.0.31"), false),
                    DnsException.class);
            assertThat(unreachable.transientFailure()).isTrue();
            assertThat(unreachable.getMessage()).contains(second.get("API_URL"), "did not answer")
                    .doesNotContain(second.get("API_KEY"));
        } finally {
            second.close();
        }
    }

    @Test
    void twentyConcurrentUpsertsOfDistinctNamesAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    provider.upsert(a("bulk" + n, "10.77.1." + (n + 1)), false);
                    provider.upsert(ReverseNames.ptr(REVERSE_ZONE, "10.77.1." + (n + 1), "bulk" + n + ".lab.example", 300),
                            false);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(dig.answer("bulk" + i + ".lab.example", "A")).containsExactly("10.77.1." + (i + 1));
            assertThat(dig.reverse("10.77.1." + (i + 1))).containsExactly("bulk" + i + ".lab.example.");
        }
    }

    @Test
    void settingsNeverShowTheApiKey() {
        assertThat(settings.toString()).doesNotContain(settings.apiKey()).contains(pdns.get("API_URL"));
        assertThat(provider.toString()).doesNotContain(settings.apiKey());
    }

    private static DnsRecord a(String host, String address) {
        return new DnsRecord(ZONE, host + "." + ZONE, DnsRecord.Type.A, address, 300);
    }
}
