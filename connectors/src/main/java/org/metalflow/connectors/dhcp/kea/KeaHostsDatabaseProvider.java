package org.metalflow.connectors.dhcp.kea;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.metalflow.connectors.dhcp.BootFiles;
import org.metalflow.connectors.dhcp.DhcpCapability;
import org.metalflow.connectors.dhcp.DhcpException;
import org.metalflow.connectors.dhcp.DhcpLease;
import org.metalflow.connectors.dhcp.DhcpProvider;
import org.metalflow.connectors.dhcp.DhcpReservation;

/**
 * Reservations as rows of Kea's PostgreSQL hosts database (the schema of {@code kea-admin db-init pgsql}). Kea 2.2
 * reads that table on every DISCOVER and REQUEST, so a committed row takes effect on the next exchange, with no
 * reload and without touching Kea's configuration. One row per MAC (identifier type 0 = hw-address) and subnet;
 * IPv4 addresses are stored as unsigned 32-bit integers.
 *
 * <p>Boot files come from client classes in Kea's static configuration, one {@link KeaBootProfile} each: a
 * reservation that network-boots names the profile in {@code dhcp4_client_classes} and keeps its next-server in
 * {@code dhcp4_next_server}. Only files of a profile given to this provider can be reserved.
 *
 * <p>Writes run in one transaction that locks {@code hosts} against other writers (Kea's own reads go on), so two
 * platforms, or two threads, may share the database: the IP-address check and the write cannot interleave.
 * Leases are not in this database's reach unless a control agent is given (Kea's lease_cmds hook).
 */
public final class KeaHostsDatabaseProvider implements DhcpProvider {

    private static final String WHERE = "Kea hosts database";
    private static final int HW_ADDRESS = 0;
    private static final Map<Integer, String> IDENTIFIER_TYPES =
            Map.of(0, "hw-address", 1, "duid", 2, "circuit-id", 3, "client-id", 4, "flex-id");

    private final DataSource dataSource;
    private final Map<String, Long> subnetIds;
    private final Map<Long, String> subnetsById;
    private final List<KeaBootProfile> bootProfiles;
    private final KeaControlAgentClient agent;
    private final KeaLeases leases;

    /** Without leases. */
    public KeaHostsDatabaseProvider(DataSource dataSource, Map<String, Long> subnetIds, List<KeaBootProfile> bootProfiles) {
        this(dataSource, subnetIds, bootProfiles, null);
    }

    /**
     * @param dataSource   Kea's hosts database; a role that may SELECT, INSERT, UPDATE and DELETE {@code hosts} and
     *                     {@code dhcp4_options} is enough
     * @param subnetIds    subnet CIDR (e.g. {@code 10.77.1.0/24}) to the {@code id} of that subnet in Kea's configuration
     * @param bootProfiles the boot profiles whose classes are in Kea's configuration (see {@link KeaBootProfile#clientClassesJson()})
     * @param leasesAgent  Kea's control agent for {@link #leases()} and {@link #removeLease(String)}, or null; closed with this provider
     */
    public KeaHostsDatabaseProvider(DataSource dataSource, Map<String, Long> subnetIds,
            List<KeaBootProfile> bootProfiles, KeaControlAgentClient leasesAgent) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        Map<String, Long> subnets = new LinkedHashMap<>();
        Map<Long, String> byId = new LinkedHashMap<>();
        subnetIds.forEach((cidr, id) -> {
            String normalized = Ipv4.Cidr.parse(cidr).toString();
            if (id == null || id <= 0 || id > 0xffffffffL) {
                throw new IllegalArgumentException("Kea subnet id of " + cidr + " must be 1 to 4294967295, not " + id);
            }
            subnets.put(normalized, id);
            if (byId.put(id, normalized) != null) {
                throw new IllegalArgumentException("Kea subnet id " + id + " is given for two subnets");
            }
        });
        if (subnets.isEmpty()) {
            throw new IllegalArgumentException("no Kea subnet given");
        }
        this.subnetIds = Collections.unmodifiableMap(subnets);
        this.subnetsById = Collections.unmodifiableMap(byId);
        this.bootProfiles = List.copyOf(bootProfiles);
        if (this.bootProfiles.stream().map(KeaBootProfile::name).distinct().count() != this.bootProfiles.size()) {
            throw new IllegalArgumentException("two boot profiles have the same name");
        }
        this.agent = leasesAgent;
        this.leases = leasesAgent == null ? null : new KeaLeases(leasesAgent, byId.keySet());
    }

    @Override
    public String name() {
        return "kea-hosts-db";
    }

    @Override
    public Set<DhcpCapability> capabilities() {
        EnumSet<DhcpCapability> capabilities = EnumSet.of(DhcpCapability.LIVE_RESERVATIONS);
        if (!bootProfiles.isEmpty()) {
            capabilities.add(DhcpCapability.BOOT_FILE_BY_ARCHITECTURE);
            capabilities.add(DhcpCapability.IPXE_CHAINLOAD);
        }
        if (leases != null) {
            capabilities.add(DhcpCapability.LEASES);
        }
        return Collections.unmodifiableSet(capabilities);
    }

    @Override
    public void reserve(DhcpReservation reservation) {
        Ipv4.Cidr subnet = ReservationRules.check(reservation, WHERE);
        Long subnetId = subnetIds.get(subnet.toString());
        if (subnetId == null) {
            throw new DhcpException(WHERE + ": no Kea subnet id is configured for " + subnet + " (reservation for "
                    + reservation.mac() + "); configured: " + subnetIds.keySet(), false);
        }
        Row wanted = new Row(0, subnetId, Ipv4.parse(reservation.ipAddress()), reservation.hostname(),
                profileFor(reservation).map(KeaBootProfile::name).orElse(null),
                reservation.boot() == null ? null : Ipv4.parse(reservation.boot().nextServer()), null, null, 0);
        byte[] identifier = ReservationRules.macBytes(reservation.mac());
        inTransaction("reserving " + reservation.ipAddress() + " for " + reservation.mac(), connection -> {
            try (var lock = connection.createStatement()) {
                lock.execute("LOCK TABLE hosts IN SHARE ROW EXCLUSIVE MODE");
            }
            refuseIfHeldByAnother(connection, reservation, subnet, subnetId, identifier);
            List<Row> existing = rowsOf(connection, identifier);
            Row current = existing.stream().filter(row -> row.subnetId() == subnetId).findFirst().orElse(null);
            if (current != null && existing.size() == 1 && current.sameAs(wanted)) {
                return false;
            }
            for (Row other : existing) {
                if (other != current) {
                    delete(connection, "DELETE FROM hosts WHERE host_id = ?", other.hostId());
                }
            }
            if (current == null) {
                insert(connection, identifier, wanted);
            } else {
                delete(connection, "DELETE FROM dhcp4_options WHERE host_id = ?", current.hostId());
                update(connection, current.hostId(), wanted);
            }
            return true;
        });
    }

    @Override
    public void remove(String mac) {
        String normalized = ReservationRules.mac(mac, WHERE);
        byte[] identifier = ReservationRules.macBytes(normalized);
        inTransaction("removing the reservation of " + normalized, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM hosts WHERE dhcp_identifier = ?"
                    + " AND dhcp_identifier_type = " + HW_ADDRESS + " AND dhcp4_subnet_id IN (" + subnetList() + ")")) {
                delete.setBytes(1, identifier);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<DhcpReservation> find(String mac) {
        String normalized = ReservationRules.mac(mac, WHERE);
        try (Connection connection = dataSource.getConnection()) {
            return rowsOf(connection, ReservationRules.macBytes(normalized)).stream()
                    .filter(row -> row.ipv4() != null)
                    .findFirst()
                    .map(row -> new DhcpReservation(normalized, Ipv4.format(row.ipv4()), subnetsById.get(row.subnetId()),
                            row.hostname() == null ? "" : row.hostname(), bootOf(row)));
        } catch (SQLException e) {
            throw SqlFailures.of(WHERE + ": looking up the reservation of " + normalized, e);
        }
    }

    @Override
    public List<DhcpLease> leases() {
        if (leases == null) {
            return DhcpProvider.super.leases();
        }
        return leases.list();
    }

    @Override
    public void removeLease(String ipAddress) {
        if (leases == null) {
            DhcpProvider.super.removeLease(ipAddress);
            return;
        }
        leases.remove(ipAddress);
    }

    @Override
    public void close() {
        if (agent != null) {
            agent.close();
        }
    }

    private Optional<KeaBootProfile> profileFor(DhcpReservation reservation) {
        if (reservation.boot() == null) {
            return Optional.empty();
        }
        BootFiles boot = reservation.boot();
        return Optional.of(bootProfiles.stream().filter(profile -> profile.serves(boot)).findFirst()
                .orElseThrow(() -> new DhcpException(WHERE + ": reservation for " + reservation.mac()
                        + " asks for boot files bios=" + boot.biosFile() + ", uefi=" + boot.uefiFile() + ", ipxe="
                        + boot.ipxeScriptUrl() + ", but no boot profile with these files is configured ("
                        + bootProfiles.stream().map(KeaBootProfile::name).toList()
                        + "); add its client classes to Kea's configuration and the profile to this provider", false)));
    }

    private BootFiles bootOf(Row row) {
        if (row.clientClasses() == null) {
            return null;
        }
        for (String name : row.clientClasses().split(",")) {
            for (KeaBootProfile profile : bootProfiles) {
                if (profile.name().equals(name.strip())) {
                    return profile.withNextServer(row.nextServer() == null ? "0.0.0.0" : Ipv4.format(row.nextServer()));
                }
            }
        }
        return null;
    }

    private void refuseIfHeldByAnother(Connection connection, DhcpReservation reservation, Ipv4.Cidr subnet,
            long subnetId, byte[] identifier) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT dhcp_identifier, dhcp_identifier_type,"
                + " hostname FROM hosts WHERE dhcp4_subnet_id = ? AND ipv4_address = ?"
                + " AND NOT (dhcp_identifier = ? AND dhcp_identifier_type = " + HW_ADDRESS + ") ORDER BY host_id")) {
            query.setLong(1, subnetId);
            query.setLong(2, Ipv4.parse(reservation.ipAddress()));
            query.setBytes(3, identifier);
            try (ResultSet holder = query.executeQuery()) {
                if (holder.next()) {
                    int type = holder.getInt(2);
                    String id = ReservationRules.macFromBytes(holder.getBytes(1));
                    String hostname = holder.getString(3);
                    throw new DhcpException(WHERE + ": " + reservation.ipAddress() + " in " + subnet + " (Kea subnet "
                            + subnetId + ") is already reserved for " + IDENTIFIER_TYPES.getOrDefault(type, "identifier")
                            + " " + id + (hostname == null ? "" : " (" + hostname + ")") + "; not reserving it for "
                            + reservation.mac() + " (" + reservation.hostname() + ")", false);
                }
            }
        }
    }

    private List<Row> rowsOf(Connection connection, byte[] identifier) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT h.host_id, h.dhcp4_subnet_id,"
                + " h.ipv4_address, h.hostname, h.dhcp4_client_classes, h.dhcp4_next_server, h.dhcp4_server_hostname,"
                + " h.dhcp4_boot_file_name, (SELECT count(*) FROM dhcp4_options o WHERE o.host_id = h.host_id)"
                + " FROM hosts h WHERE h.dhcp_identifier = ? AND h.dhcp_identifier_type = " + HW_ADDRESS
                + " AND h.dhcp4_subnet_id IN (" + subnetList() + ") ORDER BY h.host_id")) {
            query.setBytes(1, identifier);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getLong(2), nullableLong(result, 3), result.getString(4),
                            result.getString(5), nullableLong(result, 6), result.getString(7), result.getString(8),
                            result.getLong(9)));
                }
            }
            return rows;
        }
    }

    private static void insert(Connection connection, byte[] identifier, Row row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hosts (dhcp_identifier,"
                + " dhcp_identifier_type, dhcp4_subnet_id, ipv4_address, hostname, dhcp4_client_classes,"
                + " dhcp4_next_server) VALUES (?, " + HW_ADDRESS + ", ?, ?, ?, ?, ?)")) {
            insert.setBytes(1, identifier);
            insert.setLong(2, row.subnetId());
            insert.setLong(3, row.ipv4());
            insert.setString(4, row.hostname());
            setNullableString(insert, 5, row.clientClasses());
            setNullableLong(insert, 6, row.nextServer());
            insert.executeUpdate();
        }
    }

    private static void update(Connection connection, long hostId, Row row) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE hosts SET ipv4_address = ?, hostname = ?,"
                + " dhcp4_client_classes = ?, dhcp4_next_server = ?, dhcp4_server_hostname = NULL,"
                + " dhcp4_boot_file_name = NULL WHERE host_id = ?")) {
            update.setLong(1, row.ipv4());
            update.setString(2, row.hostname());
            setNullableString(update, 3, row.clientClasses());
            setNullableLong(update, 4, row.nextServer());
            update.setLong(5, hostId);
            update.executeUpdate();
        }
    }

    private static void delete(Connection connection, String sql, long hostId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setLong(1, hostId);
            delete.executeUpdate();
        }
    }

    private String subnetList() {
        return subnetIds.values().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private interface Work {
        /** @return true when it changed something that must be committed */
        boolean run(Connection connection) throws SQLException;
    }

    private void inTransaction(String what, Work work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                if (work.run(connection)) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                restoreAutoCommit(connection, autoCommit);
            }
        } catch (SQLException e) {
            throw SqlFailures.of(WHERE + ": " + what, e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException ignored) {
            // the connection is broken; closing it is all that is left
        }
    }

    private static Long nullableLong(ResultSet result, int column) throws SQLException {
        long value = result.getLong(column);
        return result.wasNull() ? null : value;
    }

    private static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static void setNullableString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** One row of {@code hosts} as far as this provider reads and writes it. */
    private record Row(long hostId, long subnetId, Long ipv4, String hostname, String clientClasses, Long nextServer,
            String serverHostname, String bootFileName, long options) {

        /** Kea would answer both the same way: same address, name, classes and next-server, nothing else set. */
        boolean sameAs(Row wanted) {
            return Objects.equals(ipv4, wanted.ipv4) && Objects.equals(hostname, wanted.hostname)
                    && Objects.equals(clientClasses, wanted.clientClasses)
                    && Objects.equals(nextServer, wanted.nextServer)
                    && serverHostname == null && bootFileName == null && options == 0;
        }
    }
}
