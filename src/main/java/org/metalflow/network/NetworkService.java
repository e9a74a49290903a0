package org.metalflow.network;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.api.PageRequestParams;
import org.metalflow.api.PageResponse;
import org.metalflow.api.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * IP address management: networks, their pools and reserved addresses, and the addresses allocated to
 * machines' NICs. The deploy process calls {@link #allocate}, {@link #allocationsOf}, {@link #release} and
 * {@link #releaseAll}.
 *
 * <p>Uniqueness of addresses and MACs per network is the database's job (unique constraints); the pool row lock
 * only makes concurrent allocations queue instead of colliding. Changes to a network lock its row, then its
 * pools in address order; allocation locks only pools, in the same order, so the two never wait on each other
 * in a cycle (ADR 0012).
 */
@Service
public class NetworkService {

    /** Attempts of one allocation before giving up; each new attempt follows a lost race on a unique key or lock. */
    static final int MAX_ATTEMPTS = 10;

    private static final Logger log = LoggerFactory.getLogger(NetworkService.class);

    private final NetworkRepository repository;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    public NetworkService(NetworkRepository repository, Clock clock, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // --- networks

    @Transactional(readOnly = true)
    public Network network(String name) {
        return repository.find(name).orElseThrow(() -> new NetworkNotFoundException(name));
    }

    @Transactional(readOnly = true)
    public NetworkDetails details(String name) {
        return details(network(name));
    }

    @Transactional(readOnly = true)
    public PageResponse<Network> list(String site, PageRequestParams page) {
        return new PageResponse<>(repository.page(site, page), page.page(), page.size(), repository.count(site));
    }

    @Transactional
    public NetworkDetails create(NetworkRequest request) {
        NetworkSettings settings = NetworkSettings.of(request);
        if (repository.find(request.name()).isPresent()) {
            throw nameTaken(request.name());
        }
        refuseOverlap(settings.cidr(), null);
        try {
            repository.insert(UUID.randomUUID(), request.name(), settings, clock.instant());
        } catch (DuplicateKeyException e) {
            throw nameTaken(request.name());
        }
        return details(network(request.name()));
    }

    /** Creates the network unless one of that name exists; false when it existed (then nothing changes). */
    @Transactional
    public boolean createIfAbsent(NetworkRequest request) {
        if (repository.find(request.name()).isPresent()) {
            return false;
        }
        create(request);
        return true;
    }

    /**
     * Replaces the network's settings. The CIDR may change only while nothing is allocated in it, and only so
     * that its pools and reserved addresses stay inside.
     */
    @Transactional
    public NetworkDetails update(String name, NetworkRequest request) {
        Network current = repository.lock(name).orElseThrow(() -> new NetworkNotFoundException(name));
        List<NetworkRepository.PoolRow> pools = repository.lockPools(current.id());
        NetworkSettings settings = NetworkSettings.of(request);
        Cidr cidr = settings.cidr();
        if (!cidr.equals(current.subnet())) {
            long allocated = repository.allocationCount(current.id());
            if (allocated > 0) {
                throw new NetworkConflictException("cidr", "network " + name + " has " + allocated
                        + " allocated address(es); its CIDR " + current.cidr()
                        + " cannot change until they are released");
            }
            refuseOverlap(cidr, current.id());
            for (NetworkRepository.PoolRow pool : pools) {
                if (!cidr.contains(Ipv4.fromLong(pool.first())) || !cidr.contains(Ipv4.fromLong(pool.last()))) {
                    throw new NetworkConflictException("cidr", "pool " + pool.name() + " (" + pool.range()
                            + ") would lie outside " + cidr + "; delete or change the pool first");
                }
            }
            for (ReservedAddress reserved : repository.reserved(current.id())) {
                if (!cidr.contains(Ipv4.parse(reserved.address()))) {
                    throw new NetworkConflictException("cidr", "reserved address " + reserved.address()
                            + " would lie outside " + cidr + "; remove the reservation first");
                }
            }
        }
        refuseAllocated(current.id(), settings.gateway(), "gateway");
        refuseAllocated(current.id(), settings.bootServer(), "bootServer");
        for (int i = 0; i < settings.dnsServers().size(); i++) {
            refuseAllocated(current.id(), settings.dnsServers().get(i), "dnsServers[" + i + "]");
        }
        repository.update(current.id(), settings, clock.instant());
        return details(network(name));
    }

    /** Deletes the network with its pools and reserved addresses; refused while any address is allocated. */
    @Transactional
    public void delete(String name) {
        Network network = repository.lock(name).orElseThrow(() -> new NetworkNotFoundException(name));
        repository.lockPools(network.id());
        long allocated = repository.allocationCount(network.id());
        if (allocated > 0) {
            throw new NetworkConflictException(null, "network " + name + " has " + allocated
                    + " allocated address(es); release them first (DELETE /api/v1/allocations/{id})");
        }
        repository.delete(network.id());
    }

    private void refuseOverlap(Cidr cidr, UUID self) {
        for (Network other : repository.overlapping(cidr)) {
            if (!other.id().equals(self)) {
                throw new InvalidFieldException("cidr", cidr + " overlaps network " + other.name() + " ("
                        + other.cidr() + ")");
            }
        }
    }

    private void refuseAllocated(UUID networkId, Ipv4 address, String field) {
        if (address != null) {
            repository.allocationAt(networkId, address.toLong()).ifPresent(a -> {
                throw new NetworkConflictException(field, address + " is allocated to machine " + a.machineId()
                        + " (" + a.mac() + ", " + a.hostname() + "); release it first");
            });
        }
    }

    private static NetworkConflictException nameTaken(String name) {
        return new NetworkConflictException("name", "a network named " + name + " exists already");
    }

    private NetworkDetails details(Network network) {
        return NetworkDetails.of(network, pools(network), repository.reserved(network.id()),
                repository.allocationCount(network.id()));
    }

    // --- pools

    @Transactional(readOnly = true)
    public List<Pool> pools(String networkName) {
        return pools(network(networkName));
    }

    @Transactional(readOnly = true)
    public Pool pool(String networkName, String poolName) {
        Network network = network(networkName);
        NetworkRepository.PoolRow row = repository.pool(network.id(), poolName)
                .orElseThrow(() -> poolNotFound(networkName, poolName));
        return pools(network).stream().filter(p -> p.name().equals(row.name())).findFirst().orElseThrow();
    }

    @Transactional
    public Pool addPool(String networkName, PoolRequest request) {
        Network network = repository.lock(networkName).orElseThrow(() -> new NetworkNotFoundException(networkName));
        Cidr cidr = network.subnet();
        Ipv4 first = NetworkSettings.parse("firstAddress", () -> Ipv4.parse(request.firstAddress()));
        Ipv4 last = NetworkSettings.parse("lastAddress", () -> Ipv4.parse(request.lastAddress()));
        refuseOutside(cidr, first, "firstAddress", networkName);
        refuseOutside(cidr, last, "lastAddress", networkName);
        if (first.compareTo(last) > 0) {
            throw new InvalidFieldException("lastAddress", last + " is below firstAddress " + first);
        }
        List<NetworkRepository.PoolRow> pools = repository.pools(network.id());
        if (pools.stream().anyMatch(p -> p.name().equals(request.name()))) {
            throw new NetworkConflictException("name", "network " + networkName + " has a pool named "
                    + request.name() + " already");
        }
        for (NetworkRepository.PoolRow other : pools) {
            if (first.toLong() <= other.last() && other.first() <= last.toLong()) {
                String field = other.contains(first.toLong()) || !other.contains(last.toLong()) ? "firstAddress"
                        : "lastAddress";
                throw new InvalidFieldException(field, first + " - " + last + " overlaps pool " + other.name() + " ("
                        + other.range() + "); the pools of a network must not overlap");
            }
        }
        repository.insertPool(UUID.randomUUID(), network.id(), request.name(), first.toLong(), last.toLong(),
                clock.instant());
        return pools(network).stream().filter(p -> p.name().equals(request.name())).findFirst().orElseThrow();
    }

    /** Deletes an empty pool; refused while any of its addresses is allocated. */
    @Transactional
    public void deletePool(String networkName, String poolName) {
        Network network = repository.lock(networkName).orElseThrow(() -> new NetworkNotFoundException(networkName));
        NetworkRepository.PoolRow pool = repository.pool(network.id(), poolName)
                .orElseThrow(() -> poolNotFound(networkName, poolName));
        repository.lockPool(pool.id());
        long allocated = repository.allocatedPerPool(network.id()).getOrDefault(pool.id(), 0L);
        if (allocated > 0) {
            throw new NetworkConflictException(null, "pool " + poolName + " of network " + networkName + " has "
                    + allocated + " allocated address(es); release them first");
        }
        repository.deletePool(pool.id());
    }

    private List<Pool> pools(Network network) {
        Map<UUID, Long> allocated = repository.allocatedPerPool(network.id());
        Set<Long> skipped = new HashSet<>(NetworkSettings.of(network).skipped());
        repository.reserved(network.id()).forEach(r -> skipped.add(Ipv4.parse(r.address()).toLong()));
        return repository.pools(network.id()).stream().map(p -> {
            long used = allocated.getOrDefault(p.id(), 0L);
            long unusable = skipped.stream().filter(p::contains).count();
            return new Pool(p.name(), Ipv4.fromLong(p.first()).toString(), Ipv4.fromLong(p.last()).toString(),
                    p.size(), used, Math.max(0, p.size() - used - unusable));
        }).toList();
    }

    private static void refuseOutside(Cidr cidr, Ipv4 address, String field, String networkName) {
        if (!cidr.contains(address)) {
            throw new InvalidFieldException(field, address + " is outside network " + networkName + " (" + cidr + ")");
        }
    }

    private static ProblemException poolNotFound(String networkName, String poolName) {
        return new ProblemException(HttpStatus.NOT_FOUND, null, "network " + networkName + " has no pool " + poolName);
    }

    // --- reserved addresses

    @Transactional(readOnly = true)
    public List<ReservedAddress> reserved(String networkName) {
        return repository.reserved(network(networkName).id());
    }

    /** Keeps an address of the network from allocation; refused when it is allocated or reserved already. */
    @Transactional
    public ReservedAddress reserve(String networkName, ReservedRequest request) {
        Network network = repository.lock(networkName).orElseThrow(() -> new NetworkNotFoundException(networkName));
        repository.lockPools(network.id());
        Ipv4 address = NetworkSettings.parse("address", () -> Ipv4.parse(request.address()));
        refuseOutside(network.subnet(), address, "address", networkName);
        refuseAllocated(network.id(), address, "address");
        if (repository.isReserved(network.id(), address.toLong())) {
            throw new NetworkConflictException("address", address + " is reserved already in network " + networkName);
        }
        repository.insertReserved(network.id(), address.toLong(), request.note(), clock.instant());
        return repository.reserved(network.id()).stream().filter(r -> r.address().equals(address.toString()))
                .findFirst().orElseThrow();
    }

    @Transactional
    public void unreserve(String networkName, String address) {
        Network network = repository.lock(networkName).orElseThrow(() -> new NetworkNotFoundException(networkName));
        Ipv4 parsed = NetworkSettings.parse("address", () -> Ipv4.parse(address));
        if (!repository.deleteReserved(network.id(), parsed.toLong())) {
            throw new ProblemException(HttpStatus.NOT_FOUND, null,
                    parsed + " is not reserved in network " + networkName);
        }
    }

    // --- allocations

    /**
     * The address of this NIC in the network. Idempotent: a MAC that has an address in the network gets the same
     * allocation back. Otherwise the lowest free address of the first pool (by address) with room, skipping the
     * network and broadcast address, the gateway, boot server and DNS servers, reserved and allocated addresses.
     * Commits in its own transaction before returning, whatever transaction the caller runs in.
     *
     * @throws NetworkConflictException (409) when no pool has a free address, or the MAC has an address in the
     *                                  network for another machine
     */
    public Allocation allocate(String networkName, UUID machineId, String mac, String hostname) {
        if (machineId == null) {
            throw new InvalidFieldException("machineId", "is required");
        }
        String normalisedMac = mac(mac);
        String normalisedHost = Names.hostname(hostname);
        if (normalisedHost == null) {
            throw new InvalidFieldException("hostname", "'" + hostname + "' is not an RFC 1123 host name: labels of"
                    + " letters, digits and '-' separated by dots, at most 253 characters");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return ownTransaction.execute(tx ->
                        allocateOnce(networkName, machineId, normalisedMac, normalisedHost));
            } catch (DuplicateKeyException | PessimisticLockingFailureException | QueryTimeoutException e) {
                // another transaction took the address or the MAC first, or a lock wait timed out (H2 reports its
                // lock timeout as a query timeout): look again
                if (attempt >= MAX_ATTEMPTS) {
                    throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, null, "could not allocate an address in"
                            + " network " + networkName + " for " + normalisedMac + " after " + attempt
                            + " attempts: " + e.getMostSpecificCause().getMessage());
                }
                log.debug("Allocation in network {} for {} lost a race (attempt {}): {}", networkName, normalisedMac,
                        attempt, e.getMostSpecificCause().getMessage());
            }
        }
    }

    private Allocation allocateOnce(String networkName, UUID machineId, String mac, String hostname) {
        Network network = network(networkName);
        Optional<Allocation> existing = existing(network, machineId, mac);
        if (existing.isPresent()) {
            return existing.get();
        }
        List<NetworkRepository.PoolRow> pools = repository.pools(network.id());
        if (pools.isEmpty()) {
            throw new NetworkConflictException(null, "network " + networkName + " has no pools; add one with POST"
                    + " /api/v1/networks/" + networkName + "/pools");
        }
        boolean locked = false;
        Set<Long> skipped = NetworkSettings.of(network).skipped();
        for (NetworkRepository.PoolRow pool : pools) {
            // a pool that looks full is passed without its lock, so allocations queue only on pools with room
            if (lowestFree(network.id(), pool, skipped).isEmpty() || !repository.lockPool(pool.id())) {
                continue;
            }
            if (!locked) {
                // read again under the lock: a network change (gateway, reserved) or the same MAC may have committed
                locked = true;
                network = network(networkName);
                existing = existing(network, machineId, mac);
                if (existing.isPresent()) {
                    return existing.get();
                }
                skipped = NetworkSettings.of(network).skipped();
            }
            OptionalLong free = lowestFree(network.id(), pool, skipped);
            if (free.isPresent()) {
                UUID id = UUID.randomUUID();
                repository.insertAllocation(id, network.id(), pool.id(), free.getAsLong(), machineId, mac, hostname,
                        clock.instant());
                return repository.allocation(id).orElseThrow();
            }
        }
        throw new NetworkConflictException(null, "network " + networkName + " has no free address in pools "
                + pools.stream().map(NetworkRepository.PoolRow::name).collect(Collectors.joining(", ")));
    }

    private Optional<Allocation> existing(Network network, UUID machineId, String mac) {
        Optional<Allocation> existing = repository.allocationByMac(network.id(), mac);
        if (existing.isPresent() && !existing.get().machineId().equals(machineId)) {
            Allocation a = existing.get();
            throw new NetworkConflictException("mac", mac + " has address " + a.address() + " in network "
                    + network.name() + " for machine " + a.machineId() + "; release it first");
        }
        return existing;
    }

    /** The lowest address of the pool that is neither skipped nor taken; a walk bounded by what is taken. */
    private OptionalLong lowestFree(UUID networkId, NetworkRepository.PoolRow pool, Set<Long> skipped) {
        Set<Long> unavailable = new HashSet<>(repository.taken(networkId, pool.first(), pool.last()));
        unavailable.addAll(skipped);
        for (long address = pool.first(); address <= pool.last(); address++) {
            if (!unavailable.contains(address)) {
                return OptionalLong.of(address);
            }
        }
        return OptionalLong.empty();
    }

    @Transactional(readOnly = true)
    public List<Allocation> allocationsOf(UUID machineId) {
        return repository.allocationsOf(machineId);
    }

    @Transactional(readOnly = true)
    public Optional<Allocation> allocation(UUID id) {
        return repository.allocation(id);
    }

    /**
     * Allocations, optionally of one network, machine or MAC.
     *
     * @throws NetworkNotFoundException when the network filter names no network
     */
    @Transactional(readOnly = true)
    public PageResponse<Allocation> allocations(String networkName, UUID machineId, String mac,
                                                PageRequestParams page) {
        if (networkName != null) {
            network(networkName);
        }
        NetworkRepository.AllocationFilter filter = new NetworkRepository.AllocationFilter(networkName, machineId,
                mac == null ? null : mac(mac));
        return new PageResponse<>(repository.allocations(filter, page), page.page(), page.size(),
                repository.countAllocations(filter));
    }

    private static String mac(String text) {
        String mac = Names.mac(text);
        if (mac == null) {
            throw new InvalidFieldException("mac", "'" + text
                    + "' is not a MAC address (six hex pairs, e.g. 52:54:00:12:34:56)");
        }
        return mac;
    }

    /** Frees the address; false when there was no such allocation (released already). */
    @Transactional
    public boolean release(UUID allocationId) {
        return repository.deleteAllocation(allocationId);
    }

    /** Frees every address of the machine in every network; 0 when it had none. */
    @Transactional
    public int releaseAll(UUID machineId) {
        return repository.deleteAllocationsOf(machineId);
    }
}
