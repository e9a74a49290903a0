package org.metalflow.network;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.metalflow.api.PageRequestParams;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for networks, pools, reserved addresses and allocations; no rules here, {@link NetworkService} holds
 * them. Addresses are {@code bigint} columns; records carry them dotted.
 */
@Repository
class NetworkRepository {

    /** A pool as stored: its range as numbers. */
    record PoolRow(UUID id, UUID networkId, String name, long first, long last) {

        long size() {
            return last - first + 1;
        }

        boolean contains(long address) {
            return address >= first && address <= last;
        }

        String range() {
            return Ipv4.fromLong(first) + " - " + Ipv4.fromLong(last);
        }
    }

    /** Which allocations a list shows; null fields do not filter. */
    record AllocationFilter(String network, UUID machineId, String mac) {
    }

    private static final String ALLOCATION_SELECT = """
            select a.id, a.address, a.mac, a.hostname, a.machine_id, a.created_at, p.name as pool_name,
                   n.name as network_name, n.cidr, n.gateway, n.dns_servers, n.domain, n.vlan, n.boot_server
            from ip_allocation a
            join network n on n.id = a.network_id
            join ip_pool p on p.id = a.pool_id""";

    private final JdbcClient jdbc;

    NetworkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    // --- networks

    void insert(UUID id, String name, NetworkSettings s, Instant now) {
        jdbc.sql("""
                insert into network (id, name, cidr, first_address, last_address, gateway, dns_servers, domain, vlan,
                    site, boot_server, created_at, updated_at)
                values (:id, :name, :cidr, :first, :last, :gateway, :dns, :domain, :vlan, :site, :boot, :now, :now)""")
                .param("id", id).param("name", name).params(settings(s)).param("now", utc(now))
                .update();
    }

    void update(UUID id, NetworkSettings s, Instant now) {
        jdbc.sql("""
                update network set cidr = :cidr, first_address = :first, last_address = :last, gateway = :gateway,
                    dns_servers = :dns, domain = :domain, vlan = :vlan, site = :site, boot_server = :boot,
                    updated_at = :now
                where id = :id""")
                .params(settings(s)).param("now", utc(now)).param("id", id)
                .update();
    }

    private static Map<String, Object> settings(NetworkSettings s) {
        Map<String, Object> p = new HashMap<>();
        p.put("cidr", s.cidr().toString());
        p.put("first", s.cidr().networkAddress().toLong());
        p.put("last", s.cidr().broadcast().toLong());
        p.put("gateway", s.gateway() == null ? null : s.gateway().toLong());
        p.put("dns", s.dnsServersText());
        p.put("domain", s.domain());
        p.put("vlan", s.vlan());
        p.put("site", s.site());
        p.put("boot", s.bootServer() == null ? null : s.bootServer().toLong());
        return p;
    }

    Optional<Network> find(String name) {
        return jdbc.sql("select * from network where name = :n").param("n", name)
                .query((rs, i) -> network(rs)).optional();
    }

    /**
     * Locks the network row until the transaction ends. Every change to a network, its pools or reserved
     * addresses takes this lock first, so they queue; allocation does not take it (see {@link #lockPool}).
     */
    Optional<Network> lock(String name) {
        return jdbc.sql("select * from network where name = :n for update").param("n", name)
                .query((rs, i) -> network(rs)).optional();
    }

    List<Network> page(String site, PageRequestParams page) {
        return jdbc.sql("select * from network" + (site == null ? "" : " where site = :site")
                        + " order by name limit :limit offset :offset")
                .params(site == null ? Map.of() : Map.of("site", site))
                .param("limit", page.size()).param("offset", page.offset())
                .query((rs, i) -> network(rs)).list();
    }

    long count(String site) {
        return site == null
                ? jdbc.sql("select count(*) from network").query(Long.class).single()
                : jdbc.sql("select count(*) from network where site = :site").param("site", site)
                        .query(Long.class).single();
    }

    /** Networks whose address range shares at least one address with the CIDR. */
    List<Network> overlapping(Cidr cidr) {
        return jdbc.sql("select * from network where first_address <= :last and last_address >= :first order by name")
                .param("first", cidr.networkAddress().toLong()).param("last", cidr.broadcast().toLong())
                .query((rs, i) -> network(rs)).list();
    }

    /** Deletes the network with its pools and reserved addresses (the schema cascades). */
    void delete(UUID id) {
        jdbc.sql("delete from network where id = :id").param("id", id).update();
    }

    // --- pools

    List<PoolRow> pools(UUID networkId) {
        return jdbc.sql("select * from ip_pool where network_id = :n order by first_address").param("n", networkId)
                .query((rs, i) -> pool(rs)).list();
    }

    /** Locks every pool of the network, lowest range first: the order allocation locks them in. */
    List<PoolRow> lockPools(UUID networkId) {
        return jdbc.sql("select * from ip_pool where network_id = :n order by first_address for update")
                .param("n", networkId).query((rs, i) -> pool(rs)).list();
    }

    /**
     * Locks one pool row until the transaction ends: allocations from the same pool queue here. False when the
     * pool was deleted meanwhile.
     */
    boolean lockPool(UUID poolId) {
        return jdbc.sql("select id from ip_pool where id = :id for update").param("id", poolId)
                .query(UUID.class).optional().isPresent();
    }

    Optional<PoolRow> pool(UUID networkId, String name) {
        return jdbc.sql("select * from ip_pool where network_id = :n and name = :name")
                .param("n", networkId).param("name", name).query((rs, i) -> pool(rs)).optional();
    }

    void insertPool(UUID id, UUID networkId, String name, long first, long last, Instant now) {
        jdbc.sql("""
                insert into ip_pool (id, network_id, name, first_address, last_address, created_at)
                values (:id, :n, :name, :first, :last, :now)""")
                .param("id", id).param("n", networkId).param("name", name).param("first", first)
                .param("last", last).param("now", utc(now))
                .update();
    }

    void deletePool(UUID id) {
        jdbc.sql("delete from ip_pool where id = :id").param("id", id).update();
    }

    Map<UUID, Long> allocatedPerPool(UUID networkId) {
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.sql("select pool_id, count(*) from ip_allocation where network_id = :n group by pool_id")
                .param("n", networkId)
                .query(rs -> {
                    counts.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return counts;
    }

    // --- reserved addresses

    List<ReservedAddress> reserved(UUID networkId) {
        return jdbc.sql("select * from ip_reserved where network_id = :n order by address").param("n", networkId)
                .query((rs, i) -> new ReservedAddress(Ipv4.fromLong(rs.getLong("address")).toString(),
                        rs.getString("note"), instant(rs, "created_at")))
                .list();
    }

    boolean isReserved(UUID networkId, long address) {
        return jdbc.sql("select count(*) from ip_reserved where network_id = :n and address = :a")
                .param("n", networkId).param("a", address).query(Long.class).single() > 0;
    }

    void insertReserved(UUID networkId, long address, String note, Instant now) {
        jdbc.sql("insert into ip_reserved (network_id, address, note, created_at) values (:n, :a, :note, :now)")
                .param("n", networkId).param("a", address).param("note", note).param("now", utc(now))
                .update();
    }

    boolean deleteReserved(UUID networkId, long address) {
        return jdbc.sql("delete from ip_reserved where network_id = :n and address = :a")
                .param("n", networkId).param("a", address).update() == 1;
    }

    // --- allocations

    /** Addresses in the range that are allocated or reserved, ascending. */
    List<Long> taken(UUID networkId, long first, long last) {
        return jdbc.sql("""
                select address from ip_allocation where network_id = :n and address between :first and :last
                union
                select address from ip_reserved where network_id = :n and address between :first and :last
                order by 1""")
                .param("n", networkId).param("first", first).param("last", last)
                .query(Long.class).list();
    }

    void insertAllocation(UUID id, UUID networkId, UUID poolId, long address, UUID machineId, String mac,
                          String hostname, Instant now) {
        jdbc.sql("""
                insert into ip_allocation (id, network_id, pool_id, address, machine_id, mac, hostname, created_at)
                values (:id, :n, :pool, :address, :machine, :mac, :hostname, :now)""")
                .param("id", id).param("n", networkId).param("pool", poolId).param("address", address)
                .param("machine", machineId).param("mac", mac).param("hostname", hostname).param("now", utc(now))
                .update();
    }

    Optional<Allocation> allocation(UUID id) {
        return jdbc.sql(ALLOCATION_SELECT + " where a.id = :id").param("id", id)
                .query((rs, i) -> allocation(rs)).optional();
    }

    Optional<Allocation> allocationByMac(UUID networkId, String mac) {
        return jdbc.sql(ALLOCATION_SELECT + " where a.network_id = :n and a.mac = :mac")
                .param("n", networkId).param("mac", mac).query((rs, i) -> allocation(rs)).optional();
    }

    Optional<Allocation> allocationAt(UUID networkId, long address) {
        return jdbc.sql(ALLOCATION_SELECT + " where a.network_id = :n and a.address = :a")
                .param("n", networkId).param("a", address).query((rs, i) -> allocation(rs)).optional();
    }

    List<Allocation> allocations(AllocationFilter filter, PageRequestParams page) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql(ALLOCATION_SELECT + where(filter, params)
                        + " order by n.name, a.address limit :limit offset :offset")
                .params(params).param("limit", page.size()).param("offset", page.offset())
                .query((rs, i) -> allocation(rs)).list();
    }

    long countAllocations(AllocationFilter filter) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("select count(*) from ip_allocation a join network n on n.id = a.network_id"
                        + where(filter, params))
                .params(params).query(Long.class).single();
    }

    private static String where(AllocationFilter filter, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (filter.network() != null) {
            conditions.add("n.name = :network");
            params.put("network", filter.network());
        }
        if (filter.machineId() != null) {
            conditions.add("a.machine_id = :machine");
            params.put("machine", filter.machineId());
        }
        if (filter.mac() != null) {
            conditions.add("a.mac = :mac");
            params.put("mac", filter.mac());
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    List<Allocation> allocationsOf(UUID machineId) {
        return jdbc.sql(ALLOCATION_SELECT + " where a.machine_id = :m order by n.name, a.address")
                .param("m", machineId).query((rs, i) -> allocation(rs)).list();
    }

    long allocationCount(UUID networkId) {
        return jdbc.sql("select count(*) from ip_allocation where network_id = :n").param("n", networkId)
                .query(Long.class).single();
    }

    boolean deleteAllocation(UUID id) {
        return jdbc.sql("delete from ip_allocation where id = :id").param("id", id).update() == 1;
    }

    int deleteAllocationsOf(UUID machineId) {
        return jdbc.sql("delete from ip_allocation where machine_id = :m").param("m", machineId).update();
    }

    // --- mapping

    private static Network network(ResultSet rs) throws SQLException {
        return new Network(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("cidr"),
                dotted(rs, "gateway"), dns(rs.getString("dns_servers")), rs.getString("domain"),
                rs.getObject("vlan", Integer.class), rs.getString("site"), dotted(rs, "boot_server"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static PoolRow pool(ResultSet rs) throws SQLException {
        return new PoolRow(rs.getObject("id", UUID.class), rs.getObject("network_id", UUID.class),
                rs.getString("name"), rs.getLong("first_address"), rs.getLong("last_address"));
    }

    private static Allocation allocation(ResultSet rs) throws SQLException {
        Cidr cidr = Cidr.parse(rs.getString("cidr"));
        return new Allocation(rs.getObject("id", UUID.class), rs.getString("network_name"), cidr.toString(),
                Ipv4.fromLong(rs.getLong("address")).toString(), cidr.prefixLength(), dotted(rs, "gateway"),
                dns(rs.getString("dns_servers")), rs.getString("domain"), rs.getObject("vlan", Integer.class),
                dotted(rs, "boot_server"), rs.getString("pool_name"), rs.getString("mac"), rs.getString("hostname"),
                rs.getObject("machine_id", UUID.class), instant(rs, "created_at"));
    }

    private static String dotted(ResultSet rs, String column) throws SQLException {
        Long value = rs.getObject(column, Long.class);
        return value == null ? null : Ipv4.fromLong(value).toString();
    }

    private static List<String> dns(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
