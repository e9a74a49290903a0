package org.metalflow.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.metalflow.api.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

// TEMPORARY STUB until the IPAM work lands
@Service
public class NetworkService {
    private final Map<UUID, Allocation> byMachine = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(256);

    public Object network(String name) {
        if (!name.equals("lab")) {
            throw new ProblemException(HttpStatus.NOT_FOUND, null, "no network " + name);
        }
        return name;
    }

    public synchronized Allocation allocate(String networkName, UUID machineId, String mac, String hostname) {
        return byMachine.computeIfAbsent(machineId, id -> {
            int n = next.getAndIncrement();
            return new Allocation(UUID.randomUUID(), networkName, "10.88." + (n / 256) + "." + (n % 256), 16, "10.88.0.1",
                    List.of("10.88.0.2"), "lab.metalflow.test", null, "10.88.0.3", mac, hostname, machineId);
        });
    }

    public List<Allocation> allocationsOf(UUID machineId) {
        Allocation a = byMachine.get(machineId);
        return a == null ? List.of() : new ArrayList<>(List.of(a));
    }

    public int releaseAll(UUID machineId) {
        return byMachine.remove(machineId) == null ? 0 : 1;
    }
}
