package org.metalflow.connectors.dns.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import org.metalflow.connectors.dns.DnsRecord;
import org.metalflow.connectors.dns.ReverseNames;
import org.metalflow.connectors.testsupport.RealServer;

/** The same RFC 2136 provider against PowerDNS Authoritative 4.7 with dnsupdate=yes and a TSIG key made by its API. */
class Rfc2136OnPowerDnsTest {

    private static final String ZONE = "lab.example.";

    @TempDir
    static Path dir;

    private static RealServer pdns;
    private static Dig dig;
    private static Rfc2136Provider provider;

    @BeforeAll
    static void startPowerDns() {
        pdns = RealServer.start("pdns-up.sh", dir, "--dnsupdate");
        dig = new Dig(pdns.get("DNS_PORT"));
        provider = new Rfc2136Provider(Rfc2136Settings.signed("127.0.0.1", Integer.parseInt(pdns.get("DNS_PORT")),
                pdns.get("TSIG_NAME"), TsigAlgorithm.of(pdns.get("TSIG_ALGORITHM")), pdns.get("TSIG_SECRET"))
                .withTimeout(Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stopPowerDns() {
        if (pdns != null) {
            pdns.close();
        }
    }

    @Test
    void upsertConflictOverwriteAndDeleteBehaveAsOnBind() {
        provider.upsert(a("node1", "10.77.0.5"), false);
        provider.upsert(ReverseNames.ptr("77.10.in-addr.arpa.", "10.77.0.5", "node1.lab.example.", 300), false);
        assertThat(dig.answer("node1.lab.example", "A")).containsExactly("10.77.0.5");
        assertThat(dig.reverse("10.77.0.5")).containsExactly("node1.lab.example.");

        long serial = dig.serial("lab.example");
        provider.upsert(a("node1", "10.77.0.5"), false);
        assertThat(dig.serial("lab.example")).as("serial after an identical upsert").isEqualTo(serial);

        DnsConflictException conflict = catchThrowableOfType(() -> provider.upsert(a("node1", "10.77.0.6"), false),
                DnsConflictException.class);
        assertThat(conflict.existing()).containsExactly("10.77.0.5");
        assertThat(dig.answer("node1.lab.example", "A")).containsExactly("10.77.0.5");

        provider.upsert(a("node1", "10.77.0.6"), true);
        assertThat(dig.answer("node1.lab.example", "A")).containsExactly("10.77.0.6");

        provider.delete(a("node1", "10.77.0.5"));
        assertThat(dig.answer("node1.lab.example", "A")).containsExactly("10.77.0.6");
        provider.delete(a("node1", "10.77.0.6"));
        assertThat(dig.answer("node1.lab.example", "A")).isEmpty();
    }

    @Test
    void concurrentUpsertsOfDistinctNamesAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    provider.upsert(a("bulk" + n, "10.77.1." + (n + 1)), false);
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
        }
    }

    private static DnsRecord a(String host, String address) {
        return new DnsRecord(ZONE, host + "." + ZONE, DnsRecord.Type.A, address, 300);
    }
}
