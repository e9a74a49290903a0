package org.metalflow.connectors.dhcp.dnsmasq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalflow.connectors.dhcp.BootFiles;
import org.metalflow.connectors.dhcp.DhcpCapability;
import org.metalflow.connectors.dhcp.DhcpException;
import org.metalflow.connectors.dhcp.DhcpLease;
import org.metalflow.connectors.dhcp.DhcpReservation;

/**
 * The provider without a running dnsmasq, as the lab uses it: the files it writes, what it refuses, and how it
 * behaves when the pid file does not lead to dnsmasq. The real server is exercised in {@link DnsmasqProviderTest}.
 */
class DnsmasqFilesOnlyTest {

    private static final BootFiles BOOT = new BootFiles("10.77.1.1", "undionly.kpxe", "ipxe.efi", "http://10.77.1.1:8080/boot.ipxe");

    @TempDir
    Path dir;

    private DnsmasqProvider lab() {
        return new DnsmasqProvider(DnsmasqSettings.filesOnly(dir.resolve("dhcp-hosts"), dir.resolve("dhcp-opts")));
    }

    private static DhcpReservation reservation(String mac, String ip, BootFiles boot) {
        return new DhcpReservation(mac, ip, "10.77.1.0/24", "node" + ip.substring(ip.lastIndexOf('.') + 1), boot);
    }

    @Test
    void labWritesPerHostFilesAndOffersNoLiveReload() throws IOException {
        DnsmasqProvider provider = lab();
        provider.reserve(reservation("52:54:00:00:00:0B", "10.77.1.11", null));
        provider.reserve(reservation("52:54:00:00:00:0a", "10.77.1.10", BOOT));

        assertThat(Files.readString(dir.resolve("dhcp-hosts"))).isEqualTo("""
                # Written by metalflow's dnsmasq connector; edits are overwritten. Boot scope: per_host.
                # subnet 10.77.1.0/24
                52:54:00:00:00:0a,set:mf-52540000000a,10.77.1.10,node10
                # subnet 10.77.1.0/24
                52:54:00:00:00:0b,10.77.1.11,node11
                """);
        assertThat(Files.readString(dir.resolve("dhcp-opts"))).isEqualTo("""
                # Written by metalflow's dnsmasq connector; edits are overwritten.
                # Tags efi64 and ipxe come from dnsmasq-metalflow.conf; tag mf-<mac> is one host.
                tag:mf-52540000000a,option:server-ip-address,10.77.1.1
                tag:mf-52540000000a,tag:!efi64,tag:!ipxe,option:bootfile-name,undionly.kpxe
                tag:mf-52540000000a,tag:efi64,tag:!ipxe,option:bootfile-name,ipxe.efi
                tag:mf-52540000000a,tag:ipxe,option:bootfile-name,http://10.77.1.1:8080/boot.ipxe
                """);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("dhcp-hosts")))).isEqualTo("rw-r--r--");
        assertThat(provider.capabilities()).containsExactlyInAnyOrder(DhcpCapability.BOOT_FILE_BY_ARCHITECTURE,
                DhcpCapability.IPXE_CHAINLOAD);
        assertThat(lab().find("52:54:00:00:00:0a")).contains(reservation("52:54:00:00:00:0a", "10.77.1.10", BOOT));
        assertThat(lab().find("52:54:00:00:00:0b")).contains(reservation("52:54:00:00:00:0b", "10.77.1.11", null));
        assertThatThrownBy(provider::leases).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> provider.removeLease("10.77.1.10")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sharedScopeKeysTheBootLinesByKnown() throws IOException {
        DnsmasqProvider provider = new DnsmasqProvider(new DnsmasqSettings(dir.resolve("dhcp-hosts"), dir.resolve("dhcp-opts"),
                null, DnsmasqReload.none(), BootScope.SHARED, List.of()));
        provider.reserve(reservation("52:54:00:00:00:0a", "10.77.1.10", BOOT));
        provider.reserve(reservation("52:54:00:00:00:0b", "10.77.1.11", BOOT));

        assertThat(Files.readString(dir.resolve("dhcp-hosts"))).contains("52:54:00:00:00:0a,10.77.1.10,node10\n")
                .doesNotContain("set:");
        assertThat(Files.readString(dir.resolve("dhcp-opts"))).contains("""
                tag:known,option:server-ip-address,10.77.1.1
                tag:known,tag:!efi64,tag:!ipxe,option:bootfile-name,undionly.kpxe
                tag:known,tag:efi64,tag:!ipxe,option:bootfile-name,ipxe.efi
                tag:known,tag:ipxe,option:bootfile-name,http://10.77.1.1:8080/boot.ipxe
                """);

        provider.remove("52:54:00:00:00:0a");
        provider.remove("52:54:00:00:00:0b");
        assertThat(Files.readString(dir.resolve("dhcp-opts"))).doesNotContain("tag:known");
    }

    @Test
    void valuesDnsmasqWouldMisreadAreRefusedBeforeAnyWrite() {
        DnsmasqProvider provider = lab();
        List<DhcpReservation> bad = List.of(
                reservation("52:54:00:00:00", "10.77.1.10", null),
                reservation("52:54:00:00:00:0a", "10.77.1.300", null),
                reservation("52:54:00:00:00:0a", "10.77.2.10", null),
                new DhcpReservation("52:54:00:00:00:0a", "10.77.1.10", "10.77.1.0/24", "bad_name", null),
                new DhcpReservation("52:54:00:00:00:0a", "10.77.1.10", "10.77.1.0/24", "node10\n52:54:00:00:00:0c", null),
                reservation("52:54:00:00:00:0a", "10.77.1.10", new BootFiles("10.77.1.1", "a,b", "ipxe.efi", "")),
                reservation("52:54:00:00:00:0a", "10.77.1.10", new BootFiles("10.77.1.1", "undionly.kpxe", "", "http://x/ a")),
                reservation("52:54:00:00:00:0a", "10.77.1.10", new BootFiles("", "", "", "")));

        for (DhcpReservation r : bad) {
            assertThatThrownBy(() -> provider.reserve(r)).as("%s", r)
                    .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining("refused");
        }
        assertThat(dir.resolve("dhcp-hosts")).doesNotExist();
    }

    @Test
    void iPxeSettingsInTheScriptUrlAreAllowed() {
        BootFiles boot = new BootFiles("10.77.1.1", "undionly.kpxe", "ipxe.efi", "http://10.77.1.1:8080/boot?mac=${net0/mac}");
        lab().reserve(reservation("52:54:00:00:00:0a", "10.77.1.10", boot));
        assertThat(lab().find("52:54:00:00:00:0a")).get().extracting(DhcpReservation::boot).isEqualTo(boot);
    }

    @Test
    void aLineTheConnectorDidNotWriteIsRefusedNotDropped() throws IOException {
        Files.writeString(dir.resolve("dhcp-hosts"), "52:54:00:00:00:0a,10.77.1.10,node10,infinite\n");

        assertThatThrownBy(() -> lab().reserve(reservation("52:54:00:00:00:0b", "10.77.1.11", null)))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("line 1").hasMessageContaining("dhcp-hosts");
        assertThat(Files.readString(dir.resolve("dhcp-hosts"))).isEqualTo("52:54:00:00:00:0a,10.77.1.10,node10,infinite\n");
    }

    @Test
    void concurrentWritersAllLand() throws Exception {
        DnsmasqProvider provider = lab();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 10; i < 50; i++) {
                String mac = String.format("52:54:00:00:01:%02x", i);
                String ip = "10.77.1." + i;
                writes.add(pool.submit(() -> provider.reserve(reservation(mac, ip, BOOT))));
            }
            for (Future<?> write : writes) {
                write.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 10; i < 50; i++) {
            assertThat(lab().find(String.format("52:54:00:00:01:%02x", i))).get().extracting(DhcpReservation::ipAddress)
                    .isEqualTo("10.77.1." + i);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("dhcp-hosts", "dhcp-opts");
        }
    }

    @Test
    void anExistingFilesPermissionsAreKept() throws IOException {
        Path hosts = dir.resolve("dhcp-hosts");
        Files.writeString(hosts, "");
        Files.setPosixFilePermissions(hosts, PosixFilePermissions.fromString("rw-r-----"));

        lab().reserve(reservation("52:54:00:00:00:0a", "10.77.1.10", null));

        assertThat(Files.readString(hosts)).contains("52:54:00:00:00:0a");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hosts))).isEqualTo("rw-r-----");
    }

    @Test
    void aPidFileThatNamesAnotherProcessGetsNoSignal() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Path pidFile = dir.resolve("dnsmasq.pid");
            Files.writeString(pidFile, sleeper.pid() + "\n");
            DnsmasqProvider provider = new DnsmasqProvider(DnsmasqSettings.sighup(dir.resolve("dhcp-hosts"),
                    dir.resolve("dhcp-opts"), pidFile, null));

            assertThatThrownBy(() -> provider.reserve(reservation("52:54:00:00:00:0a", "10.77.1.10", BOOT)))
                    .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isTrue())
                    .hasMessageContaining(pidFile.toString()).hasMessageContaining("not dnsmasq");

            assertThat(sleeper.isAlive()).as("SIGHUP would have ended sleep").isTrue();
            assertThat(provider.find("52:54:00:00:00:0a")).isPresent();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aMissingOrStalePidFileIsATransientFailure() throws IOException {
        Path pidFile = dir.resolve("dnsmasq.pid");
        DnsmasqProvider provider = new DnsmasqProvider(DnsmasqSettings.sighup(dir.resolve("dhcp-hosts"),
                dir.resolve("dhcp-opts"), pidFile, null));

        assertThatThrownBy(() -> provider.reserve(reservation("52:54:00:00:00:0a", "10.77.1.10", BOOT)))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isTrue())
                .hasMessageContaining("does not exist");
        Files.writeString(pidFile, "999999999\n");
        assertThatThrownBy(() -> provider.reserve(reservation("52:54:00:00:00:0b", "10.77.1.11", BOOT)))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isTrue())
                .hasMessageContaining("not running");
    }

    @Test
    void switchingFromPerHostTagsToSighupAsksForOneRestart() throws IOException {
        lab().reserve(reservation("52:54:00:00:00:0a", "10.77.1.10", BOOT));
        Path pidFile = dir.resolve("dnsmasq.pid");
        DnsmasqProvider hup = new DnsmasqProvider(DnsmasqSettings.sighup(dir.resolve("dhcp-hosts"), dir.resolve("dhcp-opts"),
                pidFile, null));

        assertThatThrownBy(() -> hup.reserve(reservation("52:54:00:00:00:0b", "10.77.1.11", BOOT)))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("restart dnsmasq once");

        assertThat(Files.readString(dir.resolve("dhcp-hosts"))).doesNotContain("set:").contains("52:54:00:00:00:0b");
    }

    @Test
    void leaseFileLinesBecomeLeases() throws IOException {
        Path leaseFile = dir.resolve("dnsmasq.leases");
        Files.writeString(leaseFile, """
                1795581059 52:54:00:00:00:03 10.77.2.53 node53 01:52:54:00:00:00:03
                0 52:54:00:00:00:04 10.77.2.54 * *
                duid 00:01:00:01:2c:4f:5e:6a:52:54:00:00:00:01
                1795581059 1234 fd00::5 node5 00:01:00:01
                """);
        DnsmasqProvider provider = new DnsmasqProvider(DnsmasqSettings.sighup(dir.resolve("dhcp-hosts"), dir.resolve("dhcp-opts"),
                dir.resolve("dnsmasq.pid"), leaseFile));

        assertThat(provider.leases()).containsExactly(
                new DhcpLease("52:54:00:00:00:03", "10.77.2.53", "node53", Instant.ofEpochSecond(1795581059L)),
                new DhcpLease("52:54:00:00:00:04", "10.77.2.54", null, null));
        assertThat(provider.capabilities()).doesNotContain(DhcpCapability.LEASES);
    }
}
