package org.metalflow.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.TestDatabase;
import org.metalflow.api.PageRequestParams;
import org.metalflow.api.ProblemException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link NetworkService#allocate} as the deploy process calls it: many machines at once, a full pool, the same
 * NIC twice, releases. Runs on H2 and, with {@code -Ppostgres-tests}, on PostgreSQL.
 */
class AllocationTest extends IntegrationTest {

    private static final int THREADS = 32;

    @Autowired
    private NetworkService networks;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void twoHundredConcurrentAllocationsGetTheLowestFreeAddressesEachOnce() throws Exception {
        create("alloc-many", "10.202.0.0/22", "10.202.0.1", "10.202.0.2", "10.202.0.3");
        networks.addPool("alloc-many", new PoolRequest("first", "10.202.0.0", "10.202.0.127"));
        networks.addPool("alloc-many", new PoolRequest("second", "10.202.1.0", "10.202.1.255"));
        networks.reserve("alloc-many", new ReservedRequest("10.202.0.5", "switch"));
        networks.reserve("alloc-many", new ReservedRequest("10.202.0.64", "printer"));

        List<Allocation> allocations = concurrently(200, i -> networks.allocate("alloc-many", UUID.randomUUID(),
                mac(0x10, i), "many-" + i));

        Set<String> addresses = new HashSet<>();
        allocations.forEach(a -> addresses.add(a.address()));
        assertThat(addresses).as("all distinct").hasSize(200);
        // serialised per pool, each allocation took the lowest free address: together the 200 lowest ones
        List<String> expected = new ArrayList<>();
        Set<String> skipped = Set.of("10.202.0.0", "10.202.0.1", "10.202.0.2", "10.202.0.3", "10.202.0.5",
                "10.202.0.64");
        for (long a = Ipv4.parse("10.202.0.0").toLong(); a <= Ipv4.parse("10.202.0.127").toLong(); a++) {
            String address = Ipv4.fromLong(a).toString();
            if (!skipped.contains(address)) {
                expected.add(address);
            }
        }
        Ipv4 second = Ipv4.parse("10.202.1.0");
        while (expected.size() < 200) {
            expected.add(second.toString());
            second = second.plus(1);
        }
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(allocations).allSatisfy(a -> {
            assertThat(a.network()).isEqualTo("alloc-many");
            assertThat(a.pool()).isEqualTo(a.address().startsWith("10.202.0.") ? "first" : "second");
        });

        assertThat(networks.allocations("alloc-many", null, null, new PageRequestParams(0, 500)).total())
                .isEqualTo(200);
        NetworkDetails details = networks.details("alloc-many");
        assertThat(details.pools()).extracting(Pool::allocated).containsExactly(122L, 78L);
        assertThat(details.pools()).extracting(Pool::free).containsExactly(0L, 178L);
        assertThat(details.usage().allocated()).isEqualTo(200);
    }

    @Test
    void anExhaustedNetworkRefusesWith409AndAllocatesNothingMore() throws Exception {
        create("alloc-tiny", "10.202.8.0/29", "10.202.8.1", null, null);
        networks.addPool("alloc-tiny", new PoolRequest("tiny", "10.202.8.0", "10.202.8.7"));
        networks.reserve("alloc-tiny", new ReservedRequest("10.202.8.4", null));
        // usable: .2 .3 .5 .6 (.0 network, .1 gateway, .4 reserved, .7 broadcast)

        List<Object> outcomes = concurrentlyCatching(10, i -> networks.allocate("alloc-tiny", UUID.randomUUID(),
                mac(0x20, i), "tiny-" + i));

        List<String> addresses = outcomes.stream().filter(Allocation.class::isInstance).map(Allocation.class::cast)
                .map(Allocation::address).toList();
        assertThat(addresses).containsExactlyInAnyOrder("10.202.8.2", "10.202.8.3", "10.202.8.5", "10.202.8.6");
        List<ProblemException> refusals = outcomes.stream().filter(ProblemException.class::isInstance)
                .map(ProblemException.class::cast).toList();
        assertThat(refusals).hasSize(6).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.getMessage()).isEqualTo("network alloc-tiny has no free address in pools tiny");
        });

        assertThatThrownBy(() -> networks.allocate("alloc-tiny", UUID.randomUUID(), mac(0x20, 99), "tiny-99"))
                .isInstanceOf(NetworkConflictException.class);
        assertThat(networks.allocations("alloc-tiny", null, null, new PageRequestParams(0, 50)).total())
                .isEqualTo(4);
        assertThat(networks.details("alloc-tiny").usage().free()).isZero();
    }

    @Test
    void thePoolsAreTriedInAddressOrderAndTheMessageNamesThemAll() {
        create("alloc-order", "10.202.9.0/24", "10.202.9.1", null, null);
        networks.addPool("alloc-order", new PoolRequest("high", "10.202.9.200", "10.202.9.200"));
        networks.addPool("alloc-order", new PoolRequest("low", "10.202.9.100", "10.202.9.100"));

        assertThat(networks.allocate("alloc-order", UUID.randomUUID(), mac(0x30, 1), "o-1").pool()).isEqualTo("low");
        assertThat(networks.allocate("alloc-order", UUID.randomUUID(), mac(0x30, 2), "o-2").pool()).isEqualTo("high");
        assertThatThrownBy(() -> networks.allocate("alloc-order", UUID.randomUUID(), mac(0x30, 3), "o-3"))
                .hasMessage("network alloc-order has no free address in pools low, high");
    }

    @Test
    void allocatingTheSameNicAgainReturnsItsAllocation() throws Exception {
        create("alloc-idem", "10.202.10.0/24", "10.202.10.1", null, null);
        networks.addPool("alloc-idem", new PoolRequest("p", "10.202.10.10", "10.202.10.200"));
        UUID machine = UUID.randomUUID();

        Allocation first = networks.allocate("alloc-idem", machine, "52:54:00:AA:00:01", "idem-1");
        Allocation again = networks.allocate("alloc-idem", machine, "52-54-00-aa-00-01", "idem-1");
        assertThat(again).isEqualTo(first);
        assertThat(first.mac()).isEqualTo("52:54:00:aa:00:01");

        UUID racer = UUID.randomUUID();
        List<Allocation> racing = concurrently(16, i -> networks.allocate("alloc-idem", racer, "52:54:00:aa:00:02",
                "racer"));
        assertThat(racing).extracting(Allocation::id).containsOnly(racing.get(0).id());
        assertThat(networks.allocationsOf(racer)).hasSize(1);

        assertThatThrownBy(() -> networks.allocate("alloc-idem", UUID.randomUUID(), "52:54:00:aa:00:01", "thief"))
                .isInstanceOfSatisfying(NetworkConflictException.class, e -> {
                    assertThat(e.field()).isEqualTo("mac");
                    assertThat(e.getMessage()).contains(first.address()).contains(machine.toString());
                });
    }

    @Test
    void anAllocationCarriesWhatTheDeployProcessNeeds() {
        create("alloc-info", "10.202.12.0/23", "10.202.12.1", "10.202.12.2", "10.202.12.3");
        networks.addPool("alloc-info", new PoolRequest("p", "10.202.13.0", "10.202.13.9"));
        UUID machine = UUID.randomUUID();

        Allocation a = networks.allocate("alloc-info", machine, "52:54:00:ab:00:01", "Node-7");

        assertThat(a.network()).isEqualTo("alloc-info");
        assertThat(a.cidr()).isEqualTo("10.202.12.0/23");
        assertThat(a.address()).isEqualTo("10.202.13.0");
        assertThat(a.prefixLength()).isEqualTo(23);
        assertThat(a.gateway()).isEqualTo("10.202.12.1");
        assertThat(a.dnsServers()).containsExactly("10.202.12.2");
        assertThat(a.domain()).isEqualTo("alloc-info.example");
        assertThat(a.vlan()).isEqualTo(312);
        assertThat(a.bootServer()).isEqualTo("10.202.12.3");
        assertThat(a.mac()).isEqualTo("52:54:00:ab:00:01");
        assertThat(a.hostname()).isEqualTo("node-7");
        assertThat(a.machineId()).isEqualTo(machine);
        assertThat(a.id()).isNotNull();
        assertThat(networks.network("alloc-info").subnet()).isEqualTo(Cidr.parse("10.202.12.0/23"));
    }

    @Test
    void badArgumentsAreRefusedNamingTheArgument() {
        create("alloc-args", "10.202.14.0/24", "10.202.14.1", null, null);
        assertThatThrownBy(() -> networks.allocate("alloc-args", UUID.randomUUID(), mac(0x40, 1), "a"))
                .isInstanceOf(NetworkConflictException.class).hasMessageContaining("has no pools");
        networks.addPool("alloc-args", new PoolRequest("p", "10.202.14.10", "10.202.14.20"));
        assertThatThrownBy(() -> networks.allocate("alloc-args", UUID.randomUUID(), "52:54:00", "a"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.field()).isEqualTo("mac"));
        assertThatThrownBy(() -> networks.allocate("alloc-args", UUID.randomUUID(), mac(0x40, 1), "bad_host"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.field()).isEqualTo("hostname"));
        assertThatThrownBy(() -> networks.allocate("alloc-args", null, mac(0x40, 1), "a"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.field()).isEqualTo("machineId"));
        assertThatThrownBy(() -> networks.allocate("no-such-network", UUID.randomUUID(), mac(0x40, 1), "a"))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThat(networks.allocations("alloc-args", null, null, new PageRequestParams(0, 10)).total()).isZero();
    }

    @Test
    void releaseFreesOneAddressAndReleaseAllEveryAddressOfTheMachine() {
        create("alloc-rel-a", "10.202.16.0/24", "10.202.16.1", null, null);
        create("alloc-rel-b", "10.202.17.0/24", "10.202.17.1", null, null);
        networks.addPool("alloc-rel-a", new PoolRequest("p", "10.202.16.10", "10.202.16.20"));
        networks.addPool("alloc-rel-b", new PoolRequest("p", "10.202.17.10", "10.202.17.20"));
        UUID machine = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Allocation a1 = networks.allocate("alloc-rel-a", machine, mac(0x50, 1), "rel");
        Allocation a2 = networks.allocate("alloc-rel-a", machine, mac(0x50, 2), "rel");
        networks.allocate("alloc-rel-b", machine, mac(0x50, 3), "rel");
        Allocation kept = networks.allocate("alloc-rel-a", other, mac(0x50, 4), "other");
        assertThat(networks.allocationsOf(machine)).hasSize(3);

        assertThat(networks.release(a1.id())).isTrue();
        assertThat(networks.release(a1.id())).as("released already").isFalse();
        assertThat(networks.allocationsOf(machine)).extracting(Allocation::id).doesNotContain(a1.id()).hasSize(2);
        Allocation reused = networks.allocate("alloc-rel-a", UUID.randomUUID(), mac(0x50, 5), "next");
        assertThat(reused.address()).as("the lowest free address again").isEqualTo(a1.address());

        assertThat(networks.releaseAll(machine)).isEqualTo(2);
        assertThat(networks.releaseAll(machine)).isZero();
        assertThat(networks.allocationsOf(machine)).isEmpty();
        assertThat(networks.allocationsOf(other)).extracting(Allocation::id).containsExactly(kept.id());
        assertThat(networks.allocation(a2.id())).isEmpty();
    }

    @Test
    void aNetworkWithAllocationsCannotBeDeleted() {
        create("alloc-del", "10.202.18.0/24", "10.202.18.1", null, null);
        networks.addPool("alloc-del", new PoolRequest("p", "10.202.18.10", "10.202.18.20"));
        UUID machine = UUID.randomUUID();
        networks.allocate("alloc-del", machine, mac(0x60, 1), "del");

        assertThatThrownBy(() -> networks.delete("alloc-del")).isInstanceOfSatisfying(NetworkConflictException.class,
                e -> assertThat(e.getMessage()).contains("1 allocated address"));
        assertThatThrownBy(() -> networks.deletePool("alloc-del", "p")).isInstanceOf(NetworkConflictException.class);
        assertThat(networks.network("alloc-del").name()).isEqualTo("alloc-del");

        networks.releaseAll(machine);
        networks.delete("alloc-del");
        assertThatThrownBy(() -> networks.network("alloc-del")).isInstanceOf(NetworkNotFoundException.class);
        assertThat(networks.list(null, new PageRequestParams(0, 500)).items()).extracting(Network::name)
                .doesNotContain("alloc-del");
    }

    @Test
    void theDatabaseRefusesASecondRowForAnAddressOrAMac() {
        create("alloc-unique", "10.202.22.0/24", "10.202.22.1", null, null);
        networks.addPool("alloc-unique", new PoolRequest("p", "10.202.22.10", "10.202.22.20"));
        Allocation a = networks.allocate("alloc-unique", UUID.randomUUID(), mac(0x70, 1), "u-1");
        UUID networkId = networks.network("alloc-unique").id();
        UUID poolId = jdbc.sql("select pool_id from ip_allocation where id = :id").param("id", a.id())
                .query(UUID.class).single();

        assertThatThrownBy(() -> insertAllocation(networkId, poolId, Ipv4.parse(a.address()).toLong(), mac(0x70, 2)))
                .as("same address").isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> insertAllocation(networkId, poolId, Ipv4.parse("10.202.22.15").toLong(), a.mac()))
                .as("same MAC").isInstanceOf(DuplicateKeyException.class);
        assertThat(networks.allocations("alloc-unique", null, null, new PageRequestParams(0, 10)).total()).isEqualTo(1);
    }

    @Test
    void anAddressTakenBehindThePoolLockIsSkippedThroughTheUniqueConstraint() throws Exception {
        create("alloc-race", "10.202.20.0/24", "10.202.20.1", null, null);
        networks.addPool("alloc-race", new PoolRequest("p", "10.202.20.10", "10.202.20.20"));
        networks.addPool("alloc-race", new PoolRequest("other", "10.202.20.100", "10.202.20.110"));
        UUID networkId = networks.network("alloc-race").id();
        // the writer's row names the other pool: an insert locks the pool row it references (FOR KEY SHARE on
        // PostgreSQL), and this writer must not hold the lock of the pool the allocation uses
        UUID otherPoolId = jdbc.sql("select id from ip_pool where network_id = :n and name = 'other'")
                .param("n", networkId).query(UUID.class).single();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // a writer that does not take the pool lock holds .10, the lowest free address of p, uncommitted
            CountDownLatch inserted = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            Future<?> writer = threads.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                insertAllocation(networkId, otherPoolId, Ipv4.parse("10.202.20.10").toLong(), mac(0x71, 1));
                inserted.countDown();
                await(commit);
            }));
            assertThat(inserted.await(1, TimeUnit.MINUTES)).isTrue();

            Future<Allocation> allocation = threads.submit(() -> networks.allocate("alloc-race", UUID.randomUUID(),
                    mac(0x71, 2), "race"));
            awaitBlockedInsert();
            commit.countDown();
            writer.get(1, TimeUnit.MINUTES);

            assertThat(allocation.get(1, TimeUnit.MINUTES).address()).isEqualTo("10.202.20.11");
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Waits (a bounded number of polls) until a session is stuck in an insert into ip_allocation: on PostgreSQL a
     * lock wait, on H2 a statement still running (H2 does not report the blocker of a unique-key wait).
     */
    private void awaitBlockedInsert() throws InterruptedException {
        String sql = TestDatabase.isPostgres()
                ? "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                        + " and datname = current_database() and query like 'insert into ip_allocation%'"
                : "select count(*) from information_schema.sessions where session_state = 'RUNNING'"
                        + " and executing_statement like 'insert into ip_allocation%'";
        for (int poll = 0; poll < 200; poll++) {
            if (jdbc.sql(sql).query(Long.class).single() > 0) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the allocation never reached the uncommitted address");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void insertAllocation(UUID networkId, UUID poolId, long address, String mac) {
        jdbc.sql("""
                insert into ip_allocation (id, network_id, pool_id, address, machine_id, mac, hostname, created_at)
                values (:id, :n, :p, :a, :m, :mac, 'raw', current_timestamp)""")
                .param("id", UUID.randomUUID()).param("n", networkId).param("p", poolId).param("a", address)
                .param("m", UUID.randomUUID()).param("mac", mac).update();
    }

    // --- helpers

    private void create(String name, String cidr, String gateway, String dns, String bootServer) {
        int vlan = Integer.parseInt(cidr.split("\\.")[2]) + 300;
        networks.create(new NetworkRequest(name, cidr, gateway, dns == null ? List.of() : List.of(dns),
                name + ".example", vlan, null, bootServer));
    }

    private static String mac(int prefix, int i) {
        return String.format("52:54:00:%02x:%02x:%02x", prefix, (i >> 8) & 0xFF, i & 0xFF);
    }

    /** Runs n calls on {@value #THREADS} threads, released together; returns their results in call order. */
    private static <T> List<T> concurrently(int n, IntFunction<T> call) throws Exception {
        List<Object> outcomes = concurrentlyCatching(n, call::apply);
        List<T> results = new ArrayList<>();
        for (Object outcome : outcomes) {
            if (outcome instanceof RuntimeException e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            T result = (T) outcome;
            results.add(result);
        }
        return results;
    }

    /** Like {@link #concurrently} but a call's RuntimeException is its outcome. */
    private static List<Object> concurrentlyCatching(int n, IntFunction<Object> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return call.apply(index);
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                try {
                    outcomes.add(future.get(5, TimeUnit.MINUTES));
                } catch (ExecutionException e) {
                    throw new AssertionError(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
