package org.metalflow.connectors.dns.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

/** Against a real BIND 9 started by bind9-up.sh; every answer checked with the real dig. */
class Rfc2136ProviderTest {

    private static final String ZONE = "lab.example.";
    private static final String REVERSE_ZONE = "77.10.in-addr.arpa.";

    @TempDir
    static Path dir;

    private static RealServer bind;
    private static Dig dig;
    private static Rfc2136Settings settings;
    private static Rfc2136Provider provider;

    @BeforeAll
    static void startBind() {
        bind = RealServer.start("bind9-up.sh", dir);
        dig = new Dig(bind.get("DNS_PORT"));
        settings = Rfc2136Settings.signed("127.0.0.1", Integer.parseInt(bind.get("DNS_PORT")), bind.get("TSIG_NAME"),
                TsigAlgorithm.of(bind.get("TSIG_ALGORITHM")), bind.get("TSIG_SECRET")).withTimeout(Duration.ofSeconds(5));
        provider = new Rfc2136Provider(settings);
    }

    @AfterAll
    static void stopBind() {
        if (bind != null) {
            bind.close();
        }
    }

    @Test
    void upsertedARecordAndPtrAreAnsweredByTheServer() {
        provider.upsert(a("node1", "10.77.0.5"), false);
        provider.upsert(ReverseNames.ptr(REVERSE_ZONE, "10.77.0.5", "node1.lab.example", 300), false);

        assertThat(dig.answer("node1.lab.example", "A")).containsExactly("10.77.0.5");
        assertThat(dig.reverse("10.77.0.5")).containsExactly("node1.lab.example.");
        assertThat(provider.lookup("node1.lab.example.", DnsRecord.Type.A)).containsExactly("10.77.0.5");
        assertThat(provider.lookup("5.0.77.10.in-addr.arpa.", DnsRecord.Type.PTR)).containsExactly("node1.lab.example.");
    }

    @Test
    void repeatingAnIdenticalUpsertSendsNoUpdate() {
        provider.upsert(a("node2", "10.77.0.6"), false);
        long serial = dig.serial("lab.example");

        provider.upsert(a("node2", "10.77.0.6"), false);
        provider.upsert(a("NODE2", "10.77.0.6"), true);

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
    void overwriteReplacesEveryValueTheNameCarried() {
        provider.upsert(a("multi", "10.77.0.20"), false);
        nsupdate("update add multi.lab.example 300 A 10.77.0.21");
        assertThat(dig.answer("multi.lab.example", "A")).containsExactly("10.77.0.20", "10.77.0.21");

        DnsConflictException conflict = catchThrowableOfType(() -> provider.upsert(a("multi", "10.77.0.20"), false),
                DnsConflictException.class);
        assertThat(conflict.existing()).containsExactly("10.77.0.20", "10.77.0.21");

        provider.upsert(a("multi", "10.77.0.20"), true);
        assertThat(dig.answer("multi.lab.example", "A")).containsExactly("10.77.0.20");
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
    void anUpdateSignedWithAWrongSecretIsRefusedAndNotRetried() {
        String wrongSecret = "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZyE=";
        Rfc2136Settings wrong = new Rfc2136Settings(settings.server(), settings.port(), settings.tsigKeyName(),
                settings.tsigAlgorithm(), wrongSecret, Duration.ofSeconds(5), Rfc2136Settings.Transport.TCP);
        Rfc2136Provider impostor = new Rfc2136Provider(wrong);

        DnsException refused = catchThrowableOfType(() -> impostor.upsert(a("intruder", "10.77.0.66"), false),
                DnsException.class);

        assertThat(refused.transientFailure()).isFalse();
        assertThat(refused.getMessage()).contains("NOTAUTH", "BADSIG", "127.0.0.1:" + settings.port())
                .doesNotContain(wrongSecret).doesNotContain(settings.tsigSecret());
        assertThat(impostor.toString()).doesNotContain(wrongSecret);
        assertThat(dig.answer("intruder.lab.example", "A")).isEmpty();
    }

    @Test
    void anUnsignedUpdateIsRefused() {
        Rfc2136Provider unsigned = new Rfc2136Provider(Rfc2136Settings.unsigned("127.0.0.1", settings.port()));

        DnsException refused = catchThrowableOfType(() -> unsigned.upsert(a("anonymous", "10.77.0.67"), false),
                DnsException.class);

        assertThat(refused.transientFailure()).isFalse();
        assertThat(refused.getMessage()).contains("REFUSED", "anonymous.lab.example.");
        assertThat(dig.answer("anonymous.lab.example", "A")).isEmpty();
    }

    @Test
    void aNameThatIsAnAliasIsRefusedRatherThanSilentlyIgnored() {
        nsupdate("update add alias.lab.example 300 CNAME node1.lab.example.");

        DnsException refused = catchThrowableOfType(() -> provider.upsert(a("alias", "10.77.0.68"), true),
                DnsException.class);

        assertThat(refused.transientFailure()).isFalse();
        assertThat(refused.getMessage()).contains("alias.lab.example.", "CNAME node1.lab.example.");
        assertThat(dig.answer("alias.lab.example", "CNAME")).containsExactly("node1.lab.example.");
    }

    @Test
    void aNameOutsideTheServersZonesIsRefused() {
        DnsException refused = catchThrowableOfType(
                () -> provider.upsert(new DnsRecord("elsewhere.example.", "x.elsewhere.example.", DnsRecord.Type.A,
                        "10.77.0.1", 300), false), DnsException.class);

        assertThat(refused.transientFailure()).isFalse();
        assertThat(refused.getMessage()).contains("REFUSED", "x.elsewhere.example.");
    }

    @Test
    void aHungOrStoppedServerIsATransientFailure(@TempDir Path secondDir) throws Exception {
        RealServer second = RealServer.start("bind9-up.sh", secondDir, "--tsig-algorithm=hmac-sha512");
        try {
            Rfc2136Settings sha512 = Rfc2136Settings.signed("127.0.0.1", Integer.parseInt(second.get("DNS_PORT")),
                    second.get("TSIG_NAME"), TsigAlgorithm.of(second.get("TSIG_ALGORITHM")), second.get("TSIG_SECRET"))
                    .withTimeout(Duration.ofSeconds(1));
            assertThat(sha512.tsigAlgorithm()).isEqualTo(TsigAlgorithm.HMAC_SHA512);
            Rfc2136Provider overTcp = new Rfc2136Provider(sha512);
            overTcp.upsert(a("before-stop", "10.77.0.30"), false);
            assertThat(new Dig(second.get("DNS_PORT")).answer("before-stop.lab.example", "A")).containsExactly("10.77.0.30");

            String pid = Files.readString(secondDir.resolve("named.pid")).strip();
            RealServer.run(List.of("kill", "-STOP", pid), 10);
            try {
                DnsException hung = catchThrowableOfType(() -> overTcp.upsert(a("while-hung", "10.77.0.32"), false),
                        DnsException.class);
                assertThat(hung.transientFailure()).isTrue();
                assertThat(hung.getMessage()).contains("did not answer", "timeout 1000 ms");
            } finally {
                RealServer.run(List.of("kill", "-CONT", pid), 10);
            }

            second.close();

            DnsException tcp = catchThrowableOfType(() -> overTcp.upsert(a("after-stop", "10.77.0.31"), false),
                    DnsException.class);
            assertThat(tcp.transientFailure()).isTrue();
            assertThat(tcp.getMessage()).contains("127.0.0.1:" + sha512.port(), "did not answer");
            DnsException lookup = catchThrowableOfType(
                    () -> overTcp.lookup("before-stop.lab.example.", DnsRecord.Type.A), DnsException.class);
            assertThat(lookup.transientFailure()).isTrue();
        } finally {
            second.close();
        }
    }

    @Test
    void anAnswerAlteredOnTheWayFailsTsigVerificationAndIsNotActedUpon() throws Exception {
        provider.upsert(a("tampered", "10.77.3.3"), false);
        try (TamperingDnsProxy proxy = new TamperingDnsProxy(settings.port(), "10.77.3.3", "10.77.3.4")) {
            Rfc2136Provider throughProxy = new Rfc2136Provider(new Rfc2136Settings("127.0.0.1", proxy.port(),
                    settings.tsigKeyName(), settings.tsigAlgorithm(), settings.tsigSecret(), Duration.ofSeconds(5), null));

            DnsException lookup = catchThrowableOfType(
                    () -> throughProxy.lookup("tampered.lab.example.", DnsRecord.Type.A), DnsException.class);
            DnsException upsert = catchThrowableOfType(
                    () -> throughProxy.upsert(a("tampered", "10.77.3.4"), false), DnsException.class);

            assertThat(proxy.tampered()).isEqualTo(2);
            for (DnsException refused : List.of(lookup, upsert)) {
                assertThat(refused).isNotInstanceOf(DnsConflictException.class);
                assertThat(refused.transientFailure()).isFalse();
                assertThat(refused.getMessage()).contains("failed TSIG verification", settings.tsigKeyName())
                        .doesNotContain(settings.tsigSecret());
            }
        }
        assertThat(dig.answer("tampered.lab.example", "A")).containsExactly("10.77.3.3");
    }

    @Test
    void updatesOverUdpLandToo() {
        Rfc2136Provider overUdp = new Rfc2136Provider(settings.withTransport(Rfc2136Settings.Transport.UDP));

        overUdp.upsert(a("udp", "10.77.0.40"), false);
        overUdp.upsert(a("udp", "10.77.0.41"), true);

        assertThat(dig.answer("udp.lab.example", "A")).containsExactly("10.77.0.41");
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
    void concurrentUpsertsOfOneNameLetExactlyOneValueWin() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        List<String> winners = new ArrayList<>();
        int conflicts = 0;
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String value = "10.77.2." + (i + 1);
                Callable<String> upsert = () -> {
                    start.await();
                    provider.upsert(a("contested", value), false);
                    return value;
                };
                results.add(pool.submit(upsert));
            }
            start.countDown();
            for (Future<String> result : results) {
                try {
                    winners.add(result.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(DnsConflictException.class);
                    conflicts++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(winners).hasSize(1);
        assertThat(conflicts).isEqualTo(contenders - 1);
        assertThat(dig.answer("contested.lab.example", "A")).containsExactly(winners.get(0));
    }

    @Test
    void settingsNeverShowTheSecret() {
        assertThat(settings.toString()).doesNotContain(settings.tsigSecret()).contains(settings.tsigKeyName());
        assertThat(provider.toString()).doesNotContain(settings.tsigSecret());
    }

    private static DnsRecord a(String host, String address) {
        return new DnsRecord(ZONE, host + "." + ZONE, DnsRecord.Type.A, address, 300);
    }

    /** A change made by someone else, with BIND's own nsupdate and the same key. */
    private static void nsupdate(String line) {
        try {
            Path script = Files.createTempFile(bind.directory(), "nsupdate", ".txt");
            Files.writeString(script, "server 127.0.0.1 " + settings.port() + "\nzone lab.example\n" + line + "\nsend\n");
            RealServer.Result result = RealServer.run(List.of("nsupdate", "-k",
                    bind.directory().resolve("tsig.key").toString(), script.toString()), 20);
            assertThat(result.exitCode()).as("nsupdate: " + result.stderr()).isZero();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
