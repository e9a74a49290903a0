package org.metalflow.connectors.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalflow.connectors.dhcp.BootFiles;
import org.metalflow.connectors.dhcp.DhcpCapability;
import org.metalflow.connectors.dhcp.DhcpException;
import org.metalflow.connectors.dhcp.DhcpProvider;
import org.metalflow.connectors.dhcp.DhcpReservation;
import org.metalflow.connectors.testsupport.RealServer;
import org.postgresql.ds.PGSimpleDataSource;

/** {@link KeaHostsDatabaseProvider} against Kea 2.2 reading its PostgreSQL 15 hosts database ({@code kea-up.sh DIR hosts-db}). */
class KeaHostsDatabaseProviderTest extends KeaProviderContract {

    /** The profile whose classes kea-boot-classes.json holds, and so the running Kea. */
    static final KeaBootProfile PROFILE =
            new KeaBootProfile("metalflow-netboot", "undionly.kpxe", "ipxe.efi", "http://10.77.1.1:8080/api/v1/boot/ipxe");

    @TempDir
    static Path dir;
    static RealServer kea;
    static PGSimpleDataSource database;
    static KeaHostsDatabaseProvider provider;
    static KeaControlAgentClient agent;

    @BeforeAll
    static void startKea() {
        kea = RealServer.start("kea-up.sh", dir, "hosts-db");
        database = new PGSimpleDataSource();
        database.setURL(kea.get("PG_URL"));
        database.setUser(kea.get("PG_USER"));
        database.setPassword(kea.get("PG_PASSWORD"));
        provider = new KeaHostsDatabaseProvider(database, Map.of(kea.get("SUBNET"), Long.parseLong(kea.get("SUBNET_ID"))),
                List.of(PROFILE), new KeaControlAgentClient(kea.get("CA_URL"), kea.get("CA_USER"), kea.get("CA_PASSWORD")));
        agent = new KeaControlAgentClient(kea.get("CA_URL"), kea.get("CA_USER"), kea.get("CA_PASSWORD"));
    }

    @AfterAll
    static void stopKea() {
        if (provider != null) {
            provider.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (kea != null) {
            kea.close();
        }
    }

    @Override
    RealServer server() {
        return kea;
    }

    @Override
    DhcpProvider provider() {
        return provider;
    }

    @Override
    KeaControlAgentClient agent() {
        return agent;
    }

    /** The row versions (PostgreSQL's xmin) of every host row: any INSERT, UPDATE or DELETE changes them. */
    @Override
    Object lastWrite() throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT coalesce(string_agg(host_id || ':' || xmin::text, ',' ORDER BY host_id), '') FROM hosts");
                ResultSet result = query.executeQuery()) {
            result.next();
            return result.getString(1) + "/" + count(connection);
        }
    }

    private static long count(Connection connection) throws Exception {
        try (var statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM hosts")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Override
    void stopWhatTheProviderWritesTo() throws Exception {
        stopProcess(kea, "postgres", "INT");
    }

    @Test
    @Order(8)
    void storesOneRowPerMacWithTheAddressAsAnIntegerAndTheProfileAsItsClass() throws Exception {
        provider.reserve(new DhcpReservation(MAC_B, "10.77.1.70", SUBNET, "node-b", BOOT));
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT dhcp_identifier_type, dhcp4_subnet_id,"
                        + " ipv4_address, dhcp4_client_classes, dhcp4_next_server, dhcp4_boot_file_name FROM hosts"
                        + " WHERE dhcp_identifier = decode('52540077010b', 'hex')");
                ResultSet row = query.executeQuery()) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).isZero();
            assertThat(row.getLong(2)).isEqualTo(1);
            assertThat(row.getLong(3)).isEqualTo((10L << 24) + (77 << 16) + (1 << 8) + 70);
            assertThat(row.getString(4)).isEqualTo("metalflow-netboot");
            assertThat(row.getLong(5)).isEqualTo((10L << 24) + (77 << 16) + (1 << 8) + 1);
            assertThat(row.getString(6)).as("no boot-file-name of its own: it would win over the classes").isNull();
            assertThat(row.next()).isFalse();
        }
        provider.remove(MAC_B);
    }

    @Test
    @Order(9)
    void bootFilesThatNoConfiguredProfileServesAreRefused() {
        BootFiles other = new BootFiles("10.77.1.1", "snponly.efi", "ipxe.efi", "http://10.77.1.1:8080/api/v1/boot/ipxe");
        assertThatThrownBy(() -> provider.reserve(new DhcpReservation(MAC_B, "10.77.1.71", SUBNET, "node-b", other)))
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContainingAll("snponly.efi", "metalflow-netboot");
        assertThat(provider.find(MAC_B)).isEmpty();
    }

    @Test
    @Order(10)
    void offersLeasesOnlyWithAControlAgent() {
        assertThat(provider.capabilities()).containsExactlyInAnyOrder(DhcpCapability.values());
        try (var withoutAgent = new KeaHostsDatabaseProvider(database, Map.of(SUBNET, 1L), List.of(PROFILE))) {
            assertThat(withoutAgent.capabilities()).doesNotContain(DhcpCapability.LEASES)
                    .contains(DhcpCapability.LIVE_RESERVATIONS, DhcpCapability.BOOT_FILE_BY_ARCHITECTURE);
            assertThat(withoutAgent.find(MAC_A)).isEmpty();
        }
    }

    @Test
    @Order(99)
    void theLeasesOfAStoppedDhcpServerAreATransientFailure() throws Exception {
        stopProcess(kea, "kea-dhcp4", "TERM");
        assertThatThrownBy(provider::leases)
                .isInstanceOfSatisfying(DhcpException.class, e -> assertThat(e.transientFailure()).isTrue())
                .hasMessageContaining("lease4-get-all");
    }
}
