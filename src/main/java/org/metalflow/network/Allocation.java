package org.metalflow.network;

import java.util.List;
import java.util.UUID;

// TEMPORARY STUB until the IPAM work lands
public record Allocation(UUID id, String networkName, String address, int prefixLength, String gateway,
                         List<String> dnsServers, String domain, Integer vlan, String bootServer, String mac,
                         String hostname, UUID machineId) {
}
