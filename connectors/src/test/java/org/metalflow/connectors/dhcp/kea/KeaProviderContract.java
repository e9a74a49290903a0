package org.metalflow.connectors.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.metalflow.connectors.dhcp.BootFiles;
import org.metalflow.connectors.dhcp.DhcpException;
import org.metalflow.connectors.dhcp.DhcpLease;
import org.metalflow.connectors.dhcp.DhcpProvider;
import org.metalflow.connectors.dhcp.DhcpReservation;
import org.metalflow.connectors.testsupport.RealServer;

/**
 * What both Kea providers must do, checked with a real Kea 2.2 and busybox udhcpc in a network namespace, acting
 * as a BIOS PXE ROM, x64 UEFI firmware and iPXE. The tests build on each other in order (one Kea per class); the
 * last one stops the server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class KeaProviderContract {

    static final String SUBNET = "10.77.1.0/24";
    static final String MAC_A = "52:54:00:77:01:0a";
    static final String MAC_B = "52:54:00:77:01:0b";
    static final String MAC_C = "52:54:00:77:01:0c";
    static final BootFiles BOOT =
            new BootFiles("10.77.1.1", "undionly.kpxe", "ipxe.efi", "http://10.77.1.1:8080/api/v1/boot/ipxe");

    abstract RealServer server();

    abstract DhcpProvider provider();

    /** The test's own line to Kea's control agent, for wiping leases between exchanges. */
    abstract KeaControlAgentClient agent();

    /** Something that changes whenever the provider writes to Kea, and only then. */
    abstract Object lastWrite() throws Exception;

    /** Stops the process the provider writes to; {@link #provider()} must then fail transiently. */
    abstract void stopWhatTheProviderWritesTo() throws Exception;

    @Test
    @Order(1)
    void aReservationGivesTheClientItsAddressNameNextServerAndTheBootFileOfItsKind() {
        DhcpReservation reservation = new DhcpReservation(MAC_A, "10.77.1.50", SUBNET, "node-a", BOOT);
        provider().reserve(reservation);

        assertThat(offer(MAC_A, "bios")).containsEntry("IP", "10.77.1.50").containsEntry("SIADDR", "10.77.1.1")
                .containsEntry("HOSTNAME", "node-a").containsEntry("BOOT_FILE", "undionly.kpxe");
        assertThat(offer(MAC_A, "uefi")).containsEntry("IP", "10.77.1.50").containsEntry("SIADDR", "10.77.1.1")
                .containsEntry("HOSTNAME", "node-a").containsEntry("BOOT_FILE", "ipxe.efi");
        assertThat(offer(MAC_A, "ipxe")).containsEntry("IP", "10.77.1.50").containsEntry("SIADDR", "10.77.1.1")
                .containsEntry("HOSTNAME", "node-a")
                .containsEntry("BOOT_FILE", "http://10.77.1.1:8080/api/v1/boot/ipxe");
        assertThat(provider().find(MAC_A)).contains(reservation);
    }

    @Test
    @Order(2)
    void reservingIdenticallyWritesNothingAndAChangedAddressTakesEffect() throws Exception {
        Object before = lastWrite();
        provider().reserve(new DhcpReservation(MAC_A, "10.77.1.50", SUBNET, "node-a", BOOT));
        assertThat(lastWrite()).as("nothing written for an identical reservation").isEqualTo(before);

        provider().reserve(new DhcpReservation(MAC_A, "10.77.1.51", SUBNET, "node-a", BOOT));
        assertThat(lastWrite()).isNotEqualTo(before);
        assertThat(offer(MAC_A, "bios")).containsEntry("IP", "10.77.1.51").containsEntry("BOOT_FILE", "undionly.kpxe");
        assertThat(provider().find(MAC_A)).map(DhcpReservation::ipAddress).contains("10.77.1.51");
    }

    @Test
    @Order(3)
    void anAddressReservedForAnotherMacIsRefusedAndNothingChanges() throws Exception {
        Object before = lastWrite();
        assertThatThrownBy(() -> provider().reserve(new DhcpReservation(MAC_B, "10.77.1.51", SUBNET, "node-b", BOOT)))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContainingAll("10.77.1.51", MAC_A, MAC_B);

        assertThat(lastWrite()).isEqualTo(before);
        assertThat(provider().find(MAC_B)).isEmpty();
        assertThat(provider().find(MAC_A)).map(DhcpReservation::ipAddress).contains("10.77.1.51");
        assertThat(offer(MAC_B, "bios").get("IP")).as("B gets a pool address").matches("10\\.77\\.1\\.1\\d\\d");
        assertThat(offer(MAC_A, "bios")).containsEntry("IP", "10.77.1.51");
    }

    @Test
    @Order(4)
    void leasesShowTheClientsLeaseAndRemoveLeaseDeletesIt() {
        offer(MAC_A, "uefi");
        List<DhcpLease> leases = provider().leases();
        assertThat(leases).filteredOn(lease -> lease.ipAddress().equals("10.77.1.51")).singleElement()
                .satisfies(lease -> {
                    assertThat(lease.mac()).isEqualTo(MAC_A);
                    assertThat(lease.hostname()).isEqualTo("node-a");
                    assertThat(lease.expires()).isNotNull();
                });

        provider().removeLease("10.77.1.51");
        assertThat(provider().leases()).extracting(DhcpLease::ipAddress).doesNotContain("10.77.1.51");
        provider().removeLease("10.77.1.51");
    }

    @Test
    @Order(5)
    void aReservationWithoutBootFilesDoesNotNetworkBoot() {
        provider().reserve(new DhcpReservation(MAC_C, "10.77.1.60", SUBNET, "node-c", null));

        assertThat(offer(MAC_C, "bios")).containsEntry("IP", "10.77.1.60").containsEntry("HOSTNAME", "node-c")
                .containsEntry("BOOT_FILE", "").containsEntry("SIADDR", "");
        assertThat(provider().find(MAC_C)).contains(new DhcpReservation(MAC_C, "10.77.1.60", SUBNET, "node-c", null));
    }

    @Test
    @Order(6)
    void afterRemoveTheClientGetsAPoolAddressAndNoBootFile() {
        provider().remove(MAC_A);
        provider().remove(MAC_A);
        provider().remove(MAC_C);

        assertThat(provider().find(MAC_A)).isEmpty();
        Map<String, String> offer = offer(MAC_A, "bios");
        assertThat(offer.get("IP")).matches("10\\.77\\.1\\.1\\d\\d");
        assertThat(offer).containsEntry("BOOT_FILE", "").containsEntry("HOSTNAME", "");
    }

    @Test
    @Order(7)
    void badInputIsRefusedBeforeKeaIsAsked() {
        assertThatThrownBy(() -> provider().reserve(new DhcpReservation(MAC_B, "10.77.2.5", SUBNET, "node-b", BOOT)))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("10.77.2.5");
        assertThatThrownBy(() -> provider().reserve(new DhcpReservation(MAC_B, "10.77.1.5", SUBNET, "bad_name", BOOT)))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("bad_name");
        assertThatThrownBy(() -> provider().reserve(new DhcpReservation(MAC_B, "10.77.9.5", "10.77.9.0/24", "node-b", BOOT)))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("10.77.9.0/24");
        assertThat(provider().find(MAC_B)).isEmpty();
    }

    @Test
    @Order(20)
    void concurrentReservationsOfDifferentMacsAllLand() throws Exception {
        List<DhcpReservation> reservations = List.of(
                new DhcpReservation("52:54:00:77:02:01", "10.77.1.81", SUBNET, "node-81", BOOT),
                new DhcpReservation("52:54:00:77:02:02", "10.77.1.82", SUBNET, "node-82", BOOT),
                new DhcpReservation("52:54:00:77:02:03", "10.77.1.83", SUBNET, "node-83", null),
                new DhcpReservation("52:54:00:77:02:04", "10.77.1.84", SUBNET, "node-84", BOOT));
        all(reservations.stream().<Callable<Object>>map(r -> () -> {
            provider().reserve(r);
            return null;
        }).toList());
        for (DhcpReservation reservation : reservations) {
            assertThat(provider().find(reservation.mac())).contains(reservation);
        }
        all(reservations.stream().<Callable<Object>>map(r -> () -> {
            provider().remove(r.mac());
            return null;
        }).toList());
        for (DhcpReservation reservation : reservations) {
            assertThat(provider().find(reservation.mac())).isEmpty();
        }
    }

    @Test
    @Order(21)
    void ofTwoConcurrentReservationsOfOneAddressExactlyOneWins() throws Exception {
        for (int round = 0; round < 3; round++) {
            String ip = "10.77.1." + (90 + round);
            List<Object> outcomes = all(List.of(
                    () -> attempt(new DhcpReservation(MAC_B, ip, SUBNET, "node-b", BOOT)),
                    () -> attempt(new DhcpReservation(MAC_C, ip, SUBNET, "node-c", BOOT))));
            assertThat(outcomes).as("round " + round).containsOnlyOnce("reserved");
            assertThat(outcomes).filteredOn(DhcpException.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(((DhcpException) e).transientFailure()).isFalse());
            assertThat(provider().find(MAC_B).isPresent()).isNotEqualTo(provider().find(MAC_C).isPresent());
            provider().remove(MAC_B);
            provider().remove(MAC_C);
        }
    }

    private Object attempt(DhcpReservation reservation) {
        try {
            provider().reserve(reservation);
            return "reserved";
        } catch (DhcpException e) {
            return e;
        }
    }

    /** Runs the calls at the same moment on their own threads and returns their results in order. */
    private static List<Object> all(List<Callable<Object>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(100)
    void withTheServerStoppedTheFailureIsTransient() throws Exception {
        stopWhatTheProviderWritesTo();

        assertThatThrownBy(() -> provider().reserve(new DhcpReservation(MAC_A, "10.77.1.50", SUBNET, "node-a", BOOT)))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isTrue());
        assertThatThrownBy(() -> provider().find(MAC_A))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isTrue());
    }

    /** One DHCP exchange of a fresh client; leases are wiped first, since udhcpc -q never releases its own. */
    Map<String, String> offer(String mac, String kind) {
        var wipe = KeaControlAgentClient.arguments();
        wipe.put("subnet-id", 1);
        agent().command("lease4-wipe", wipe, KeaAnswer.EMPTY);
        return RealServer.script("dhcp-client.sh", server().get("CLIENT_NETNS"), mac, kind);
    }

    /** Stops one process the start script recorded in DIR/NAME.pid and waits until it is gone. */
    static void stopProcess(RealServer server, String name, String signal) throws Exception {
        long pid = Long.parseLong(java.nio.file.Files.readString(server.directory().resolve(name + ".pid")).strip());
        RealServer.run(List.of("kill", "-" + signal, Long.toString(pid)), 10);
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().onExit().get(10, TimeUnit.SECONDS);
        }
    }
}
