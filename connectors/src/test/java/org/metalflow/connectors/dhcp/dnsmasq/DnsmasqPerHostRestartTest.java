package org.metalflow.connectors.dhcp.dnsmasq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metalflow.connectors.dhcp.BootFiles;
import org.metalflow.connectors.dhcp.DhcpCapability;
import org.metalflow.connectors.dhcp.DhcpReservation;
import org.metalflow.connectors.testsupport.RealServer;

/**
 * Per-host boot files ({@code set:} tags in the hosts file) against a real dnsmasq 2.90 that the connector restarts
 * instead of sending SIGHUP, which such tags make it abort on.
 */
class DnsmasqPerHostRestartTest {

    private static final String SUBNET = "10.77.2.0/24";
    private static final BootFiles LAB_A = new BootFiles("10.77.2.5", "undionly.kpxe", "ipxe.efi", "http://10.77.2.1:8080/a.ipxe");
    private static final BootFiles LAB_B = new BootFiles("10.77.2.6", "undionly.kkpxe", "snponly.efi", "http://10.77.2.1:8080/b.ipxe");

    private static RealServer dnsmasq;
    private static DnsmasqSettings settings;

    @BeforeAll
    static void startDnsmasq() throws IOException {
        dnsmasq = RealServer.start("dnsmasq-up.sh", Files.createTempDirectory("metalflow-dnsmasq-perhost"));
        settings = new DnsmasqSettings(Path.of(dnsmasq.get("HOSTS_FILE")), Path.of(dnsmasq.get("OPTS_FILE")),
                Path.of(dnsmasq.get("LEASE_FILE")), DnsmasqReload.restart(List.of(dnsmasq.get("RESTART_COMMAND").split(" "))),
                BootScope.PER_HOST, List.of());
    }

    @AfterAll
    static void stopDnsmasq() {
        if (dnsmasq != null) {
            dnsmasq.close();
        }
    }

    private static Map<String, String> dhcp(String mac, String kind) {
        return RealServer.script("dhcp-client.sh", dnsmasq.get("CLIENT_NETNS"), mac, kind);
    }

    private static long pid() throws IOException {
        return Long.parseLong(Files.readString(Path.of(dnsmasq.get("PID_FILE"))).strip());
    }

    @Test
    void eachHostGetsItsOwnBootFilesAndARestartedDnsmasqKeepsServing() throws IOException {
        DnsmasqProvider provider = new DnsmasqProvider(settings);
        assertThat(provider.capabilities()).doesNotContain(DhcpCapability.LIVE_RESERVATIONS, DhcpCapability.LEASES);
        long firstPid = pid();

        provider.reserve(new DhcpReservation("52:54:00:02:01:01", "10.77.2.31", SUBNET, "hosta", LAB_A));
        provider.reserve(new DhcpReservation("52:54:00:02:01:02", "10.77.2.32", SUBNET, "hostb", LAB_B));
        provider.reserve(new DhcpReservation("52:54:00:02:01:03", "10.77.2.33", SUBNET, "hostc", null));

        assertThat(dhcp("52:54:00:02:01:01", "bios")).containsEntry("IP", "10.77.2.31")
                .containsEntry("SIADDR", "10.77.2.5").containsEntry("BOOT_FILE", "undionly.kpxe");
        assertThat(dhcp("52:54:00:02:01:02", "uefi")).containsEntry("IP", "10.77.2.32")
                .containsEntry("SIADDR", "10.77.2.6").containsEntry("BOOT_FILE", "snponly.efi");
        assertThat(dhcp("52:54:00:02:01:02", "ipxe")).containsEntry("BOOT_FILE", "http://10.77.2.1:8080/b.ipxe");
        assertThat(dhcp("52:54:00:02:01:03", "bios")).containsEntry("IP", "10.77.2.33").containsEntry("BOOT_FILE", "");
        assertThat(Files.readString(settings.hostsFile())).contains("52:54:00:02:01:01,set:mf-525400020101,10.77.2.31,hosta");

        // Tagged lines have now served leases: a reload must be a restart, after which dnsmasq still serves.
        provider.reserve(new DhcpReservation("52:54:00:02:01:01", "10.77.2.34", SUBNET, "hosta", LAB_B));

        assertThat(pid()).isNotEqualTo(firstPid);
        assertThat(ProcessHandle.of(pid())).get().matches(ProcessHandle::isAlive, "alive");
        assertThat(dhcp("52:54:00:02:01:01", "uefi")).containsEntry("IP", "10.77.2.34").containsEntry("BOOT_FILE", "snponly.efi");
        assertThat(new DnsmasqProvider(settings).find("52:54:00:02:01:03"))
                .contains(new DhcpReservation("52:54:00:02:01:03", "10.77.2.33", SUBNET, "hostc", null));
    }

    @Test
    void sighupIsRefusedForPerHostBootFiles() {
        assertThatThrownBy(() -> settings.withReload(DnsmasqReload.sighup(Path.of(dnsmasq.get("PID_FILE"))), BootScope.PER_HOST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIGHUP");
    }
}
