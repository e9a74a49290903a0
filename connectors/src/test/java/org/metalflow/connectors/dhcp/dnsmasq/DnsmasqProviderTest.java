package org.metalflow.connectors.dhcp.dnsmasq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metalflow.connectors.dhcp.BootFiles;
import org.metalflow.connectors.dhcp.DhcpCapability;
import org.metalflow.connectors.dhcp.DhcpException;
import org.metalflow.connectors.dhcp.DhcpLease;
import org.metalflow.connectors.dhcp.DhcpReservation;
import org.metalflow.connectors.testsupport.RealServer;

/**
 * Real dnsmasq 2.90 in network namespace mfd-srv (dnsmasq-up.sh, which includes dnsmasq-metalflow.conf verbatim),
 * reloaded by SIGHUP with the shared boot scope; a real busybox udhcpc in mfd-cli checks what a client is offered.
 */
class DnsmasqProviderTest {

    private static final String SUBNET = "10.77.2.0/24";
    /** Not dnsmasq's own address (10.77.2.1), which it puts into siaddr by default, so the test sees the reservation's. */
    private static final BootFiles BOOT = new BootFiles("10.77.2.5", "undionly.kpxe", "ipxe.efi",
            "http://10.77.2.1:8080/boot.ipxe");

    private static RealServer dnsmasq;
    private static DnsmasqSettings settings;
    private static String clientNetns;

    private final List<String> reservedMacs = new ArrayList<>();
    private DnsmasqProvider provider;

    @BeforeAll
    static void startDnsmasq() throws IOException {
        dnsmasq = RealServer.start("dnsmasq-up.sh", Files.createTempDirectory("metalflow-dnsmasq"));
        clientNetns = dnsmasq.get("CLIENT_NETNS");
        settings = DnsmasqSettings.sighup(Path.of(dnsmasq.get("HOSTS_FILE")), Path.of(dnsmasq.get("OPTS_FILE")),
                        Path.of(dnsmasq.get("PID_FILE")), Path.of(dnsmasq.get("LEASE_FILE")))
                .withLeaseRelease(List.of("ip", "netns", "exec", dnsmasq.get("SERVER_NETNS"), "dhcp_release", "br0"));
    }

    @AfterAll
    static void stopDnsmasq() {
        if (dnsmasq != null) {
            dnsmasq.close();
        }
    }

    @AfterEach
    void removeReservations() {
        reservedMacs.forEach(provider()::remove);
    }

    private DnsmasqProvider provider() {
        if (provider == null) {
            provider = new DnsmasqProvider(settings);
        }
        return provider;
    }

    private DhcpReservation reserve(String mac, String ip, String hostname, BootFiles boot) {
        DhcpReservation reservation = new DhcpReservation(mac, ip, SUBNET, hostname, boot);
        reservedMacs.add(mac);
        provider().reserve(reservation);
        return reservation;
    }

    private static Map<String, String> dhcp(String mac, String kind) {
        return RealServer.script("dhcp-client.sh", clientNetns, mac, kind);
    }

    private static long dnsmasqPid() throws IOException {
        return Long.parseLong(Files.readString(Path.of(dnsmasq.get("PID_FILE"))).strip());
    }

    /** dnsmasq logs "read FILE" each time it (re)reads the hosts file, so this counts start plus reloads. */
    private static long hostsFileReads() throws IOException {
        Path log = dnsmasq.directory().resolve("dnsmasq.log");
        return Files.readAllLines(log).stream().filter(l -> l.endsWith("read " + settings.hostsFile())).count();
    }

    /**
     * The reads counted once dnsmasq has logged at least {@code expected} of them (it logs asynchronously, in order,
     * so a read that came earlier is already counted then); waits at most 5 s.
     */
    private static long hostsFileReadsOnce(long expected) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long reads = hostsFileReads();
        while (reads < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            reads = hostsFileReads();
        }
        return reads;
    }

    /** dnsmasq rewrites its lease file right after the ACK; waits at most 5 s for it to list {@code ip}. */
    private List<DhcpLease> leasesOnceListing(String ip) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<DhcpLease> leases = provider().leases();
        while (leases.stream().noneMatch(l -> l.ipAddress().equals(ip)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            leases = provider().leases();
        }
        return leases;
    }

    private static boolean inPool(String ip) {
        int last = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
        return ip.startsWith("10.77.2.") && last >= 100 && last <= 199;
    }

    @Test
    void capabilitiesAreWhatThisSetupDelivers() {
        assertThat(provider().name()).isEqualTo("dnsmasq");
        assertThat(provider().capabilities()).containsExactlyInAnyOrder(DhcpCapability.LIVE_RESERVATIONS,
                DhcpCapability.LEASES, DhcpCapability.BOOT_FILE_BY_ARCHITECTURE, DhcpCapability.IPXE_CHAINLOAD);
    }

    @Test
    void reservedClientGetsItsAddressNameNextServerAndTheBootFileForItsFirmware() {
        reserve("52:54:00:02:00:50", "10.77.2.50", "node50", BOOT);

        Map<String, String> bios = dhcp("52:54:00:02:00:50", "bios");
        assertThat(bios).containsEntry("IP", "10.77.2.50").containsEntry("HOSTNAME", "node50")
                .containsEntry("SIADDR", "10.77.2.5").containsEntry("BOOT_FILE", "undionly.kpxe");
        assertThat(dhcp("52:54:00:02:00:50", "uefi")).containsEntry("IP", "10.77.2.50")
                .containsEntry("SIADDR", "10.77.2.5").containsEntry("BOOT_FILE", "ipxe.efi");
        assertThat(dhcp("52:54:00:02:00:50", "ipxe")).containsEntry("IP", "10.77.2.50")
                .containsEntry("BOOT_FILE", "http://10.77.2.1:8080/boot.ipxe");
    }

    @Test
    void unreservedClientGetsAPoolAddressAndNoBootFile() {
        reserve("52:54:00:02:00:51", "10.77.2.51", "node51", BOOT);

        Map<String, String> stranger = dhcp("52:54:00:02:00:99", "bios");

        assertThat(inPool(stranger.get("IP"))).as("pool address, got %s", stranger.get("IP")).isTrue();
        assertThat(stranger.get("BOOT_FILE")).isEmpty();
    }

    @Test
    void identicalReserveChangesNoByteAndSendsNoSighup() throws Exception {
        DhcpReservation reservation = reserve("52:54:00:02:00:52", "10.77.2.52", "node52", BOOT);
        assertThat(dhcp("52:54:00:02:00:52", "bios")).containsEntry("IP", "10.77.2.52");
        byte[] hosts = Files.readAllBytes(settings.hostsFile());
        byte[] opts = Files.readAllBytes(settings.optsFile());
        FileTime hostsModified = Files.getLastModifiedTime(settings.hostsFile());
        Object hostsInode = Files.getAttribute(settings.hostsFile(), "unix:ino");
        long readsBefore = hostsFileReads();

        provider().reserve(reservation);
        new DnsmasqProvider(settings).reserve(reservation);

        assertThat(Files.readAllBytes(settings.hostsFile())).isEqualTo(hosts);
        assertThat(Files.readAllBytes(settings.optsFile())).isEqualTo(opts);
        assertThat(Files.getLastModifiedTime(settings.hostsFile())).isEqualTo(hostsModified);
        assertThat(Files.getAttribute(settings.hostsFile(), "unix:ino")).isEqualTo(hostsInode);
        // A real change afterwards is exactly one more read, so the two identical calls above sent no SIGHUP.
        reserve("52:54:00:02:00:53", "10.77.2.53", "node53", BOOT);
        assertThat(dhcp("52:54:00:02:00:53", "bios")).containsEntry("IP", "10.77.2.53");
        assertThat(hostsFileReadsOnce(readsBefore + 1)).isEqualTo(readsBefore + 1);
    }

    @Test
    void changingTheAddressTakesEffectForAClientThatHasALease() {
        reserve("52:54:00:02:00:60", "10.77.2.60", "node60", BOOT);
        assertThat(dhcp("52:54:00:02:00:60", "bios")).containsEntry("IP", "10.77.2.60");

        reserve("52:54:00:02:00:60", "10.77.2.61", "node60", BOOT);

        assertThat(dhcp("52:54:00:02:00:60", "bios")).containsEntry("IP", "10.77.2.61").containsEntry("HOSTNAME", "node60");
        assertThat(provider().find("52:54:00:02:00:60")).get().extracting(DhcpReservation::ipAddress).isEqualTo("10.77.2.61");
    }

    @Test
    void anAddressHeldByAnotherMacIsRefusedAndTheFileStaysAsItWas() throws IOException {
        reserve("52:54:00:02:00:70", "10.77.2.70", "node70", BOOT);
        byte[] hosts = Files.readAllBytes(settings.hostsFile());

        assertThatThrownBy(() -> reserve("52:54:00:02:00:71", "10.77.2.70", "node71", BOOT))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("10.77.2.70").hasMessageContaining("52:54:00:02:00:70")
                .hasMessageContaining("52:54:00:02:00:71");

        assertThat(Files.readAllBytes(settings.hostsFile())).isEqualTo(hosts);
        assertThat(provider().find("52:54:00:02:00:71")).isEmpty();
        assertThat(dhcp("52:54:00:02:00:70", "bios")).containsEntry("IP", "10.77.2.70");
    }

    @Test
    void sharedScopeRefusesAHostThatMustNotBootNextToHostsThatDo() throws IOException {
        reserve("52:54:00:02:00:72", "10.77.2.72", "node72", BOOT);
        byte[] hosts = Files.readAllBytes(settings.hostsFile());

        assertThatThrownBy(() -> reserve("52:54:00:02:00:73", "10.77.2.73", "node73", null))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("52:54:00:02:00:73").hasMessageContaining("per-host");
        assertThatThrownBy(() -> reserve("52:54:00:02:00:74", "10.77.2.74", "node74",
                new BootFiles("10.77.2.5", "other.kpxe", "ipxe.efi", "http://10.77.2.1:8080/boot.ipxe")))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("other.kpxe");

        assertThat(Files.readAllBytes(settings.hostsFile())).isEqualTo(hosts);
    }

    @Test
    void removedReservationLeavesTheClientToThePool() {
        reserve("52:54:00:02:00:80", "10.77.2.80", "node80", BOOT);
        assertThat(dhcp("52:54:00:02:00:80", "bios")).containsEntry("IP", "10.77.2.80");

        provider().remove("52:54:00:02:00:80");
        provider().remove("52:54:00:02:00:80");

        Map<String, String> after = dhcp("52:54:00:02:00:80", "bios");
        assertThat(inPool(after.get("IP"))).as("pool address, got %s", after.get("IP")).isTrue();
        assertThat(after.get("HOSTNAME")).isEmpty();
        assertThat(after.get("BOOT_FILE")).isEmpty();
        assertThat(provider().find("52:54:00:02:00:80")).isEmpty();
    }

    @Test
    void sighupAfterLeasesWereServedLeavesTheSameDnsmasqRunning() throws Exception {
        long pid = dnsmasqPid();
        reserve("52:54:00:02:00:90", "10.77.2.90", "node90", BOOT);
        reserve("52:54:00:02:00:91", "10.77.2.91", "node91", BOOT);
        dhcp("52:54:00:02:00:90", "bios");
        dhcp("52:54:00:02:00:90", "uefi");
        dhcp("52:54:00:02:00:91", "ipxe");
        long readsBefore = hostsFileReads();

        reserve("52:54:00:02:00:92", "10.77.2.92", "node92", BOOT);
        reserve("52:54:00:02:00:90", "10.77.2.93", "node90", BOOT);
        provider().remove("52:54:00:02:00:91");

        // The client exchanges come after three SIGHUPs; a dnsmasq that had aborted would not answer them.
        assertThat(dhcp("52:54:00:02:00:90", "uefi")).containsEntry("IP", "10.77.2.93").containsEntry("BOOT_FILE", "ipxe.efi");
        assertThat(dhcp("52:54:00:02:00:92", "ipxe")).containsEntry("IP", "10.77.2.92");
        assertThat(hostsFileReadsOnce(readsBefore + 3)).isEqualTo(readsBefore + 3);
        assertThat(dnsmasqPid()).isEqualTo(pid);
        assertThat(ProcessHandle.of(pid)).get().matches(ProcessHandle::isAlive, "alive");
    }

    @Test
    void leasesComeFromTheLeaseFileAndDhcpReleaseRemovesOne() throws InterruptedException {
        reserve("52:54:00:02:00:a0", "10.77.2.160", "nodea0", BOOT);
        dhcp("52:54:00:02:00:a0", "bios");
        String poolIp = dhcp("52:54:00:02:00:a1", "bios").get("IP");

        List<DhcpLease> leases = leasesOnceListing(poolIp);

        assertThat(leases).anySatisfy(l -> {
            assertThat(l.mac()).isEqualTo("52:54:00:02:00:a0");
            assertThat(l.ipAddress()).isEqualTo("10.77.2.160");
            assertThat(l.hostname()).isEqualTo("nodea0");
            assertThat(l.expires()).isAfter(java.time.Instant.now());
        });
        assertThat(leases).anySatisfy(l -> {
            assertThat(l.mac()).isEqualTo("52:54:00:02:00:a1");
            assertThat(l.ipAddress()).isEqualTo(poolIp);
            assertThat(l.hostname()).isNull();
        });

        provider().removeLease(poolIp);
        provider().removeLease(poolIp);

        assertThat(provider().leases()).noneMatch(l -> l.ipAddress().equals(poolIp))
                .anyMatch(l -> l.ipAddress().equals("10.77.2.160"));
    }

    @Test
    void aNewProviderFindsWhatAnEarlierOneWrote() {
        DhcpReservation written = reserve("52:54:00:02:00:b0", "10.77.2.170", "nodeb0.lab.example", BOOT);

        DnsmasqProvider restarted = new DnsmasqProvider(settings);

        assertThat(restarted.find("52:54:00:02:00:B0")).contains(written);
        assertThat(restarted.find("52:54:00:02:00:b1")).isEmpty();
    }
}
